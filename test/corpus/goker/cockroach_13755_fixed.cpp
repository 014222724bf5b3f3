// corpus: goker/cockroach_13755 fixed
// origin: GoBench GoKer cockroach#13755 (blocking: communication deadlock, channel & context)
// mechanism: closing the query result cancels its context, which wakes the awaitDone goroutine.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>

using namespace std::chrono_literals;

class Rows : public std::enable_shared_from_this<Rows> {
 public:
  void init_context_close(const chan::Context& parent) {
    auto [ctx, cancel] = chan::with_cancel(parent);
    cancel_ = cancel;
    chan::go([self = shared_from_this(), ctx = ctx] { self->await_done(ctx); });
  }

  // Called by the user and again by await_done; cancelling twice is harmless.
  void close(chan::ContextError /*reason*/) { cancel_(); }

 private:
  void await_done(const chan::Context& ctx) {
    ctx.done().recv();
    close(ctx.err());
  }

  chan::CancelFunc cancel_;
};

int main() {
  auto rows = std::make_shared<Rows>();
  rows->init_context_close(chan::background());
  rows->close(chan::ContextError::none);
  std::this_thread::sleep_for(200ms);
  return 0;
}
