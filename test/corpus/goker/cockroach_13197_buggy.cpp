// corpus: goker/cockroach_13197 buggy
// origin: GoBench GoKer cockroach#13197 (blocking: communication deadlock, channel & context)
// mechanism: begin() starts a goroutine that waits for the transaction's context to be cancelled, but committing the transaction never cancels it, so the goroutine blocks forever on ctx.done().
// run: leak
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>

using namespace std::chrono_literals;

class Tx {
 public:
  explicit Tx(const chan::Context& parent) {
    auto [ctx, cancel] = chan::with_cancel(parent);
    ctx_ = ctx;
    cancel_ = cancel;
  }

  // Runs for the lifetime of the transaction: cleans up once it ends.
  void await_done() {
    ctx_.done().recv();  // expect: CH202
  }

  void commit() {
    // The transaction is finished, but its context is left running.
  }
  void rollback() { close(); }

 private:
  void close() { cancel_(); }

  chan::Context ctx_;
  chan::CancelFunc cancel_;
};

std::shared_ptr<Tx> begin(const chan::Context& ctx) {
  auto tx = std::make_shared<Tx>(ctx);
  chan::go([tx] { tx->await_done(); });
  return tx;
}

int main() {
  std::shared_ptr<Tx> tx = begin(chan::background());
  tx->commit();
  std::this_thread::sleep_for(200ms);  // lets await_done settle before the exit-time leak check
  return 0;
}
