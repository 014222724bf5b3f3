// What chcheck does not follow in Asio code, written the way Asio programs
// are: coroutines started by co_spawn run later in the io_context, and
// completion handlers run when an operation completes.  Nothing here may be
// reported: the blocking rules would need the io_context's schedule, and an
// operation whose completion is not awaited is not a blocking one.  (Calls
// of a coroutine are unknown calls: were they run at the co_spawn, the
// consumer's receive below would look like main blocking forever.)
// REQUIRES: asio
// RUN: %chcheck %s -- %asio_flags | FileCheck %s --allow-empty --implicit-check-not='{{error|warning|note}}:'
// RUN: %clangxx %asio_flags -fsyntax-only %s
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/io_context.hpp>
#include <asio/use_awaitable.hpp>

using asio::awaitable;
using asio::use_awaitable;
using channel = asio::experimental::channel<void(asio::error_code, int)>;

void consume(int);

awaitable<void> producer(channel &ch) {
  for (int i = 0; i < 3; ++i)
    co_await ch.async_send(asio::error_code{}, i, use_awaitable);
  ch.close();
}

awaitable<void> consumer(channel &ch) {
  for (;;) // ends when the close makes the receive throw
    consume(co_await ch.async_receive(use_awaitable));
}

// The consumer is spawned first and waits: not a block in main.
int run_pipeline() {
  asio::io_context ctx;
  channel ch(ctx);
  asio::co_spawn(ctx, consumer(ch), asio::detached);
  asio::co_spawn(ctx, producer(ch), asio::detached);
  ctx.run();
  return 0;
}

// Asio #1318/#1575: close() does not complete a pending async_send; the
// sender stays suspended and run() does not return.  A real hang, which
// chcheck cannot see (the sender is a coroutine in the io_context).
void pending_sender_at_close() {
  asio::io_context ctx;
  channel ch(ctx);
  asio::co_spawn(ctx, producer(ch), asio::detached);
  ctx.poll();
  ch.close();
  ctx.run();
}

// Handlers capturing the channel by reference: they run when the operations
// complete, in an order chcheck does not follow.
void handler_chain(asio::io_context &ctx, channel &ch) {
  ch.async_receive([&ch](asio::error_code ec, int v) {
    if (!ec)
      consume(v);
    ch.close();
  });
  ch.async_send(asio::error_code{}, 1, [&ch](asio::error_code ec) {
    if (!ec)
      ch.async_send(asio::error_code{}, 2, asio::detached);
  });
  ctx.run();
}

// A channel made and closed in main, then sent on by a coroutine spawned
// later: the send throws at run(), after the close; not followed either.
int main() {
  asio::io_context ctx;
  channel ch(ctx, 8);
  ch.close();
  asio::co_spawn(ctx, producer(ch), asio::detached);
  ctx.run();
  return run_pipeline();
}
