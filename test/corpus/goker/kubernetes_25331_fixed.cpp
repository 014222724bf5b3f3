// corpus: goker/kubernetes_25331 fixed
// origin: GoBench GoKer kubernetes#25331 (blocking: communication deadlock, channel & context)
// mechanism: the watch loop no longer cancels its own context and sends the result in a select that also watches ctx.done(), so Stop()'s cancel unblocks it.
// run: exit0
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
      chan::select(chan::on_send(result_chan, error_result, [] {}),
                   chan::on_recv(ctx.done(), [](chan::Unit, bool) {}));
    }
  }
};

}  // namespace

int main() {
  auto wc = std::make_shared<WatchChan>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([wc, &wg] { wc->run(); wg.done(); });
  chan::go([wc, &wg] { wc->stop(); wg.done(); });
  wg.wait();
}
