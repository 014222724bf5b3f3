// corpus: goker/kubernetes_25331 buggy
// origin: GoBench GoKer kubernetes#25331 (blocking: communication deadlock, channel & context)
// mechanism: after taking an error the watch loop cancels its own context and then sends the result on an unbuffered channel nobody reads, so cancelling the context in Stop() cannot unblock it.
// run: deadlock
#include <chan/chan.hpp>

#include <memory>
#include <string>

namespace {

struct WatchChan {
  chan::Context ctx;
  chan::CancelFunc cancel;
  chan::Chan<bool> result_chan = chan::make<bool>();
  chan::Chan<std::string> err_chan = chan::make<std::string>();

  WatchChan() { std::tie(ctx, cancel) = chan::with_cancel(chan::background()); }

  void stop() {
    err_chan.send("Error");
    cancel();
  }

  void run() {
    bool got_error = false;
    bool error_result = false;
    chan::select(chan::on_recv(err_chan,
                               [&](std::string err, bool) {
                                 got_error = true;
                                 error_result = !err.empty();
                               }),
                 chan::on_recv(ctx.done(), [](chan::Unit, bool) {}));
    if (got_error) {
      cancel();  // removed by the fix
      result_chan.send(error_result);  // expect: CH201
    }
  }
};

}  // namespace

int main() {
  auto wc = std::make_shared<WatchChan>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([wc, &wg] { wc->run(); wg.done(); });   // G1
  chan::go([wc, &wg] { wc->stop(); wg.done(); });  // G2
  wg.wait();
}
