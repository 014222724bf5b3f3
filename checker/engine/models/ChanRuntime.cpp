// Model of chcheck's own runtime, <chan/chan.hpp> (namespace chan).
#include "ApiModel.h"

namespace chcheck {
namespace {

const ChannelTypeModel kTypes[] = {
    {"chan::Chan", Direction::Both},
    {"chan::SendChan", Direction::SendOnly},
    {"chan::RecvChan", Direction::RecvOnly},
};

const CallModel kCalls[] = {
    {"chan::make", OpKind::Make, -1, /*capacity*/ 0},
    {"chan::Chan::send", OpKind::Send, -1},
    {"chan::SendChan::send", OpKind::Send, -1},
    {"chan::Chan::recv", OpKind::Recv, -1},
    {"chan::RecvChan::recv", OpKind::Recv, -1},
    {"chan::Chan::recv_ok", OpKind::RecvOk, -1},
    {"chan::RecvChan::recv_ok", OpKind::RecvOk, -1},
    {"chan::Chan::close", OpKind::Close, -1},
    {"chan::SendChan::close", OpKind::Close, -1},
    {"chan::Chan::begin", OpKind::Range, -1},
    {"chan::RecvChan::begin", OpKind::Range, -1},
    {"chan::on_send", OpKind::SelectSend, 0, /*callback*/ 2},
    {"chan::on_recv", OpKind::SelectRecv, 0, /*callback*/ 1},
    {"chan::go", OpKind::Spawn, -1, /*callable*/ 0},
    {"chan::WaitGroup::done", OpKind::WaitDone, -1},
    {"chan::WaitGroup::wait", OpKind::WaitJoin, -1},
};

} // namespace

extern const ApiModel kChanRuntimeModel = {"chan runtime", "chan", kTypes, kCalls};

} // namespace chcheck
