// Model of Boost.Fiber (<boost/fiber/all.hpp>, namespace boost::fibers):
// its channels, fibers and mutexes.  Where Boost departs from Go's
// channels (ChannelSemantics): a channel is an object its constructor makes,
// never nil; push() on a closed channel returns channel_op_status::closed
// and drops the value instead of panicking; pop(v) returns that status once
// the channel is closed and drained, while value_pop() throws fiber_error;
// close() twice is harmless; buffered_channel(N) throws unless N is a power
// of two >= 2, and buffers N - 1 values (one slot tells full from empty).
#include "Model.h"

namespace chcheck {
namespace {

// boost::fibers::channel_op_status { success = 0, empty, full, closed, timeout }.
constexpr std::int64_t kSuccess = 0, kClosed = 3;

const ChannelSemantics kBuffered = {
    .library = "Boost.Fiber",
    .constructorCapacityArg = 0,
    .reservedSlots = 1,
    .capacityPowerOfTwo = true,
    .invalidCapacityThrows = "boost::fibers::fiber_error (\"boost fiber: buffer capacity is invalid\")",
    .successStatus = kSuccess,
    .closedStatus = kClosed,
    .closedStatusName = "channel_op_status::closed",
    .closedRecvThrows = "boost::fibers::fiber_error (\"boost fiber: channel is closed\")",
    .closeIsIdempotent = true,
    .sendName = "push",
    .trySendName = "try_push (or timed push)",
};

const ChannelSemantics kUnbuffered = {
    .library = "Boost.Fiber",
    .constructorCapacityArg = -1,
    .successStatus = kSuccess,
    .closedStatus = kClosed,
    .closedStatusName = "channel_op_status::closed",
    .closedRecvThrows = "boost::fibers::fiber_error (\"boost fiber: channel is closed\")",
    .closeIsIdempotent = true,
    .sendName = "push",
    .trySendName = "try_push (or timed push)",
};

const TypeModel kTypes[] = {
    {.qualifiedName = "boost::fibers::buffered_channel", .role = TypeRole::Channel, .semantics = &kBuffered},
    {.qualifiedName = "boost::fibers::unbuffered_channel", .role = TypeRole::Channel, .semantics = &kUnbuffered},
    {.qualifiedName = "boost::fibers::fiber", .role = TypeRole::Thread, .threadNoun = "fiber"},
    {.qualifiedName = "boost::fibers::mutex", .role = TypeRole::Mutex},
    {.qualifiedName = "boost::fibers::timed_mutex", .role = TypeRole::Mutex},
    {.qualifiedName = "boost::fibers::recursive_mutex", .role = TypeRole::Mutex, .recursive = true},
    {.qualifiedName = "boost::fibers::recursive_timed_mutex", .role = TypeRole::Mutex, .recursive = true},
};

// The same operations on both channel templates.
#define BOOST_FIBER_CHANNEL_CALLS(T)                                                                          \
  {"boost::fibers::" T "::push", Op::Send},                                                                   \
  {"boost::fibers::" T "::pop", Op::RecvInto, -1, /*value*/ 0},                                               \
  {"boost::fibers::" T "::value_pop", Op::Recv},                                                              \
  {"boost::fibers::" T "::close", Op::Close},                                                                 \
  {"boost::fibers::" T "::try_push", Op::TrySend, -1, /*value*/ 0},                                           \
  {"boost::fibers::" T "::push_wait_for", Op::TrySend, -1, /*value*/ 0},                                      \
  {"boost::fibers::" T "::push_wait_until", Op::TrySend, -1, /*value*/ 0},                                    \
  {"boost::fibers::" T "::try_pop", Op::TryRecvInto, -1, /*value*/ 0},                                        \
  {"boost::fibers::" T "::pop_wait_for", Op::TryRecvInto, -1, /*value*/ 0},                                   \
  {"boost::fibers::" T "::pop_wait_until", Op::TryRecvInto, -1, /*value*/ 0}

const CallModel kCalls[] = {
    BOOST_FIBER_CHANNEL_CALLS("buffered_channel"),
    BOOST_FIBER_CHANNEL_CALLS("unbuffered_channel"),
    // Range-for finds the free begin(ch) by argument-dependent lookup.
    {"boost::fibers::begin", Op::RangeBegin, /*channel*/ 0},
    {"boost::fibers::fiber::join", Op::ThreadJoin},
    {"boost::fibers::mutex::lock", Op::Lock},
    {"boost::fibers::mutex::unlock", Op::Unlock},
    {"boost::fibers::mutex::try_lock", Op::TryLock},
    {"boost::fibers::timed_mutex::lock", Op::Lock},
    {"boost::fibers::timed_mutex::unlock", Op::Unlock},
    {"boost::fibers::timed_mutex::try_lock", Op::TryLock},
    {"boost::fibers::recursive_mutex::lock", Op::Lock},
    {"boost::fibers::recursive_mutex::unlock", Op::Unlock},
    {"boost::fibers::recursive_mutex::try_lock", Op::TryLock},
    {"boost::fibers::recursive_timed_mutex::lock", Op::Lock},
    {"boost::fibers::recursive_timed_mutex::unlock", Op::Unlock},
    {"boost::fibers::recursive_timed_mutex::try_lock", Op::TryLock},
};

#undef BOOST_FIBER_CHANNEL_CALLS

} // namespace

extern const ApiModel kBoostFiberModel = {"Boost.Fiber", "boost", kTypes, kCalls};

} // namespace chcheck
