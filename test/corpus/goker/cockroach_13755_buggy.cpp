// corpus: goker/cockroach_13755 buggy
// origin: GoBench GoKer cockroach#13755 (blocking: communication deadlock, channel & context)
// mechanism: the query result starts a goroutine that waits for its context to be cancelled, but closing the result does not call the cancel function, so that goroutine blocks forever on ctx.done().
// run: leak
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

  void close(chan::ContextError /*reason*/) {
    // Releases the result but forgets to cancel the context.
  }

 private:
  void await_done(const chan::Context& ctx) {
    ctx.done().recv();  // expect: CH202
    close(ctx.err());
  }

  chan::CancelFunc cancel_;
};

int main() {
  auto rows = std::make_shared<Rows>();
  rows->init_context_close(chan::background());
  rows->close(chan::ContextError::none);
  std::this_thread::sleep_for(200ms);  // lets await_done settle before the exit-time leak check
  return 0;
}
