// corpus: goker/cockroach_13197 fixed
// origin: GoBench GoKer cockroach#13197 (blocking: communication deadlock, channel & context)
// mechanism: every way of ending the transaction (commit or rollback) cancels its context, so the awaitDone goroutine always returns.
// run: exit0
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

  void await_done() { ctx_.done().recv(); }

  void commit() { close(); }
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
  std::this_thread::sleep_for(200ms);
  return 0;
}
