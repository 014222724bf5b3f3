// Model of Asio's experimental channels (<asio/experimental/channel.hpp>,
// <asio/experimental/concurrent_channel.hpp>; standalone Asio 1.22, namespace
// asio).  `channel<void(error_code, T)>` and `concurrent_channel<...>` are
// aliases of basic_channel / basic_concurrent_channel.  What the 1.22
// sources (experimental/detail/impl/channel_service.hpp) do, where it
// departs from Go's channels (ChannelSemantics):
//  - a channel is an object its constructor makes (executor or context, then
//    the buffer size, default 0), never nil;
//  - an async_send on a closed channel completes with
//    channel_errc::channel_closed (start_send_op's `closed` case), which the
//    use_awaitable token throws in the coroutine as asio::system_error: the
//    coroutine ends there (with co_spawn(..., detached) silently);
//  - close() of a closed channel does nothing;
//  - reset() makes the channel open and empty again;
//  - is_open() is a guard the engine cannot read (`if (ch.is_open())
//    co_await ch.async_send(...)`): after it the channel's state is
//    forgotten, so nothing after it is reported as closed.
// Asynchronous operations are followed only where the code waits for them:
// `co_await ch.async_send(..., use_awaitable)` and
// `co_await ch.async_receive(use_awaitable)` in a coroutine (the coroutine
// is the thread that waits).  With a completion handler, `detached` or any
// other token, the completion runs in code chcheck does not follow: those
// calls are unknown calls of the library (a handler that gets the channel
// makes it escape), never a guess.  Coroutines themselves are not
// followed from co_spawn (calls of a coroutine are unknown calls), so the
// blocking rules, which need to know what runs concurrently, say nothing.
// try_send/try_receive return whether anything happened and are not
// followed either (see docs/models.md).
#include "Model.h"

namespace chcheck {
namespace {

const ChannelSemantics kAsio = {
    .library = "Asio",
    .constructorCapacityArg = 1, // (executor or context, max_buffer_size = 0)
    .closeIsIdempotent = true,
    .closedSendThrows = "asio::system_error (channel_errc::channel_closed: async_send on a closed channel completes "
                        "with that code, which use_awaitable throws in the coroutine)",
    .sendName = "co_await async_send",
};

const TypeModel kTypes[] = {
    {.qualifiedName = "asio::experimental::basic_channel", .role = TypeRole::Channel, .semantics = &kAsio},
    {.qualifiedName = "asio::experimental::basic_concurrent_channel", .role = TypeRole::Channel,
     .semantics = &kAsio},
};

constexpr const char *kUseAwaitable = "asio::use_awaitable_t";

#define ASIO_CHANNEL_CALLS(T)                                                                                 \
  {"asio::experimental::" T "::async_send", Op::Send, -1, /*value*/ 1, kUseAwaitable},                        \
  {"asio::experimental::" T "::async_receive", Op::Recv, -1, -1, kUseAwaitable},                              \
  {"asio::experimental::" T "::close", Op::Close},                                                            \
  {"asio::experimental::" T "::reset", Op::ChannelReset},                                                     \
  {"asio::experimental::" T "::is_open", Op::ChannelQuery}

const CallModel kCalls[] = {
    ASIO_CHANNEL_CALLS("basic_channel"),
    ASIO_CHANNEL_CALLS("basic_concurrent_channel"),
};

#undef ASIO_CHANNEL_CALLS

} // namespace

extern const ApiModel kAsioModel = {"Asio", "asio", kTypes, kCalls};

} // namespace chcheck
