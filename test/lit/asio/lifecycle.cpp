// The lifecycle rules on Asio's experimental channels, against its own
// headers.  An async_send co_awaited with use_awaitable on a closed channel
// completes with channel_errc::channel_closed, which use_awaitable throws in the
// coroutine (CH101 in Asio's words); a second close() is harmless (no
// CH102); reset() opens the channel again; a send guarded by is_open() is
// not reported.  Operations with any other
// completion token, try_send and the coroutines co_spawn runs are not
// followed: no finding, never a guess.
// REQUIRES: asio
// RUN: %expect_exit 1 %chcheck %s -- %asio_flags | FileCheck %s --implicit-check-not='{{error|warning}}:'
// RUN: %clangxx %asio_flags -fsyntax-only %s
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/experimental/concurrent_channel.hpp>
#include <asio/io_context.hpp>
#include <asio/use_awaitable.hpp>

using asio::awaitable;
using asio::use_awaitable;
using channel = asio::experimental::channel<void(asio::error_code, int)>;
using concurrent_channel = asio::experimental::concurrent_channel<void(asio::error_code, int)>;

void consume(int);

// A producer coroutine that sends after its own close: the second
// co_await throws asio::system_error and the coroutine ends there.
awaitable<void> producer(channel &ch) {
  for (int i = 0; i < 3; ++i)
    co_await ch.async_send(asio::error_code{}, i, use_awaitable);
  ch.close();
  // CHECK: lifecycle.cpp:[[@LINE+1]]:12: error: co_await async_send on channel 'ch' that is closed on every path reaching it: it throws asio::system_error (channel_errc::channel_closed: async_send on a closed channel completes with that code, which use_awaitable throws in the coroutine) [CH101 send-on-closed]
  co_await ch.async_send(asio::error_code{}, 99, use_awaitable);
  // CHECK: note: channel 'ch' is closed here
}

// A class owning its channel; stop() closes it on one path.
class Pipeline {
public:
  explicit Pipeline(asio::io_context &ctx) : queue_(ctx, 4) {}
  void stop() { queue_.close(); }
  awaitable<void> produce(bool last) {
    co_await queue_.async_send(asio::error_code{}, 1, use_awaitable);
    if (last)
      stop();
    // CHECK: lifecycle.cpp:[[@LINE+1]]:14: warning: co_await async_send on channel 'queue_' that is closed on some paths reaching it: it throws asio::system_error
    co_await queue_.async_send(asio::error_code{}, 2, use_awaitable);
  }
  awaitable<void> consume_all() {
    for (;;)
      consume(co_await queue_.async_receive(use_awaitable));
  }

private:
  concurrent_channel queue_;
};

// A coroutine lambda handed to co_spawn, capturing the channel by reference.
void spawn_late_sender(asio::io_context &ctx, channel &ch) {
  asio::co_spawn(
      ctx,
      [&ch]() -> awaitable<void> {
        ch.close();
        // CHECK: lifecycle.cpp:[[@LINE+1]]:18: error: co_await async_send on channel 'ch' that is closed on every path reaching it
        co_await ch.async_send(asio::error_code{}, 1, use_awaitable);
      },
      asio::detached);
}

// Not reported.
awaitable<void> close_twice(channel &ch) {
  co_await ch.async_send(asio::error_code{}, 1, use_awaitable);
  ch.close();
  ch.close(); // harmless in Asio: close() of a closed channel does nothing
}
awaitable<void> reset_reopens(channel &ch) {
  ch.close();
  ch.reset(); // open and empty again
  co_await ch.async_send(asio::error_code{}, 1, use_awaitable);
}
awaitable<void> error_looked_at(channel &ch) {
  ch.close();
  // as_tuple: the error is returned, not thrown, and the code checks it.
  auto [ec] = co_await ch.async_send(asio::error_code{}, 1, asio::experimental::as_tuple(use_awaitable));
  if (ec)
    co_return;
}
void completion_handler(channel &ch) {
  ch.close();
  // A completion handler runs later, in code chcheck does not follow.
  ch.async_send(asio::error_code{}, 1, [](asio::error_code) {});
  (void)ch.try_send(asio::error_code{}, 2);
}
// is_open() guards the send (nothing suspends between the test and the
// send's start); the engine does not read the answer and forgets the state.
awaitable<void> guarded_by_is_open(channel &ch, bool failed) {
  if (failed)
    ch.close();
  if (!ch.is_open())
    co_return;
  co_await ch.async_send(asio::error_code{}, 1, use_awaitable);
}
class GuardedPipeline {
public:
  explicit GuardedPipeline(asio::io_context &ctx) : queue_(ctx, 4) {}
  void stop() { queue_.close(); }
  awaitable<void> produce(bool last) {
    if (last)
      stop();
    if (queue_.is_open())
      co_await queue_.async_send(asio::error_code{}, 2, use_awaitable);
  }

private:
  concurrent_channel queue_;
};
awaitable<void> send_before_close(channel &ch) {
  co_await ch.async_send(asio::error_code{}, 1, use_awaitable);
  ch.close();
}
