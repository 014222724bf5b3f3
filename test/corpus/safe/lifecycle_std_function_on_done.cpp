// corpus: safe/lifecycle_std_function_on_done
// origin: precision suite
// mechanism: a Downloader takes a std::function completion callback that closes a `finished` channel; the callback is stored and invoked once by the downloader after its last progress send, and the caller only waits on `finished` (no send on it ever), so the stored lambda's close is the only close and nothing is sent after it.
// run: exit0
#include <chan/chan.hpp>

#include <functional>
#include <utility>

class Downloader {
 public:
  Downloader(int chunks, chan::Chan<int> progress, std::function<void(int)> on_done)
      : chunks_(chunks), progress_(std::move(progress)), on_done_(std::move(on_done)) {}

  void run() {
    int bytes = 0;
    for (int i = 1; i <= chunks_; ++i) {
      bytes += 512;
      progress_.send(i * 100 / chunks_);
    }
    progress_.close();
    if (on_done_) on_done_(bytes);
  }

 private:
  int chunks_;
  chan::Chan<int> progress_;
  std::function<void(int)> on_done_;
};

int main() {
  auto progress = chan::make<int>(4);
  auto finished = chan::make<chan::Unit>();
  int total_bytes = 0;

  Downloader dl(8, progress, [&total_bytes, finished](int bytes) {
    total_bytes = bytes;
    finished.close();
  });
  chan::go([&dl] { dl.run(); });

  int last = 0;
  for (int pct : progress)
    last = pct;
  finished.recv();  // returns at the close; happens after total_bytes is set

  // A callback that is stored but never invoked: nothing is closed.
  auto spare = chan::make<chan::Unit>(1);
  std::function<void()> unused = [spare] { spare.close(); };
  spare.send({});

  return last == 100 && total_bytes == 8 * 512 && spare.len() == 1 ? 0 : 1;
}
