// Model of chcheck's own runtime, <chan/chan.hpp> (namespace chan).
#include "Model.h"

namespace chcheck {
namespace {

const TypeModel kTypes[] = {
    {"chan::Chan", TypeRole::Channel, Direction::Both},
    {"chan::SendChan", TypeRole::Channel, Direction::SendOnly},
    {"chan::RecvChan", TypeRole::Channel, Direction::RecvOnly},
    {"chan::Context", TypeRole::Context},
    {"chan::Mutex", TypeRole::Mutex},
    {"chan::RWMutex", TypeRole::Mutex, Direction::Both, /*recursive*/ false, /*readWrite*/ true, false,
     false, false, false, /*writerPriority*/ true},
    {"chan::WaitGroup", TypeRole::WaitGroup},
    {"chan::Cond", TypeRole::Cond},
    {"chan::RLocker", TypeRole::RLocker},
};

const CallModel kCalls[] = {
    {"chan::make", Op::MakeChan, -1, /*capacity*/ 0},
    {"chan::Chan::send", Op::Send},
    {"chan::SendChan::send", Op::Send},
    {"chan::Chan::recv", Op::Recv},
    {"chan::RecvChan::recv", Op::Recv},
    {"chan::Chan::recv_ok", Op::RecvOk},
    {"chan::RecvChan::recv_ok", Op::RecvOk},
    {"chan::Chan::close", Op::Close},
    {"chan::SendChan::close", Op::Close},
    {"chan::Chan::begin", Op::RangeBegin},
    {"chan::RecvChan::begin", Op::RangeBegin},
    {"chan::Chan::len", Op::Len},
    {"chan::SendChan::len", Op::Len},
    {"chan::RecvChan::len", Op::Len},
    {"chan::on_send", Op::SelectSendCase, 0, /*callback*/ 2},
    {"chan::on_recv", Op::SelectRecvCase, 0, /*callback*/ 1},
    {"chan::on_default", Op::SelectDefaultCase, -1, /*callback*/ 0},
    {"chan::select", Op::Select},
    {"chan::go", Op::Go, -1, /*callable*/ 0},
    {"chan::WaitGroup::add", Op::WgAdd, -1, /*delta*/ 0},
    {"chan::WaitGroup::done", Op::WgDone},
    {"chan::WaitGroup::wait", Op::WgWait},
    {"chan::Mutex::lock", Op::Lock},
    {"chan::Mutex::unlock", Op::Unlock},
    {"chan::Mutex::try_lock", Op::TryLock},
    {"chan::RWMutex::lock", Op::Lock},
    {"chan::RWMutex::unlock", Op::Unlock},
    {"chan::RWMutex::try_lock", Op::TryLock},
    {"chan::RWMutex::lock_shared", Op::LockShared},
    {"chan::RWMutex::unlock_shared", Op::UnlockShared},
    {"chan::RWMutex::try_lock_shared", Op::TryLockShared},
    {"chan::RWMutex::rlocker", Op::RLockerOf},
    {"chan::RLocker::lock", Op::LockShared},
    {"chan::RLocker::unlock", Op::UnlockShared},
    {"chan::Cond::wait", Op::CondWait},
    {"chan::Cond::signal", Op::CondSignal},
    {"chan::Cond::broadcast", Op::CondBroadcast},
    {"chan::background", Op::Background},
    {"chan::with_cancel", Op::WithCancel, 0},
    {"chan::with_timeout", Op::WithTimeout, 0},
    {"chan::Context::done", Op::CtxDone},
    {"chan::after", Op::After},
};

} // namespace

extern const ApiModel kChanRuntimeModel = {"chan runtime", "chan", kTypes, kCalls};

} // namespace chcheck
