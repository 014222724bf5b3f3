// corpus: safe/blocking_heartbeat_stop
// origin: precision suite
// mechanism: a Heartbeat goroutine waits on chan::after() ticks and a stop channel in a select loop, publishing each beat with a non-blocking send (dropped when the monitor is busy); Stop() closes the stop channel and waits on `stopped`, so the goroutine exits even while nobody reads beats, and no pending send can strand it.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>

using namespace std::chrono_literals;

class Heartbeat {
 public:
  explicit Heartbeat(std::chrono::milliseconds period) {
    chan::go([this, period] { loop(period); });
  }

  chan::RecvChan<int> beats() const { return beats_; }

  int Stop() {
    stop_.close();
    stopped_.recv();
    return sent_;
  }

 private:
  void loop(std::chrono::milliseconds period) {
    for (int n = 0;; ++n) {
      bool stopping = false;
      chan::select(chan::on_recv(chan::after(period), [&] {
                     chan::select(chan::on_send(beats_, n, [&] { ++sent_; }), chan::on_default([] {}));
                   }),
                   chan::on_recv(stop_, [&] { stopping = true; }));
      if (stopping) break;
    }
    stopped_.close();
  }

  chan::Chan<int> beats_ = chan::make<int>(1);
  chan::Chan<chan::Unit> stop_ = chan::make<chan::Unit>();
  chan::Chan<chan::Unit> stopped_ = chan::make<chan::Unit>();
  int sent_ = 0;  // written by the loop only; read after stopped_ closes
};

int main() {
  Heartbeat hb(1ms);
  const int first = hb.beats().recv();  // at least one beat arrives
  auto idle = chan::after(5ms);         // then nobody reads for a while
  idle.recv();
  const int sent = hb.Stop();
  return first == 0 && sent >= 1 ? 0 : 1;
}
