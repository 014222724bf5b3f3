// corpus: goker/kubernetes_70277 fixed
// origin: GoBench GoKer kubernetes#70277 (blocking: communication deadlock, channel)
// mechanism: WaitFor() gives the poller a done channel of its own and closes it when it returns (the upstream fix), so the poller goroutine ends with WaitFor().
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <functional>

namespace {

using namespace std::chrono_literals;
using Done = chan::RecvChan<chan::Unit>;
using WaitFunc = std::function<chan::RecvChan<chan::Unit>(Done)>;
using ConditionFunc = std::function<bool()>;

constexpr auto kForeverTestTimeout = 200ms;

void wait_for(const WaitFunc& wait, const ConditionFunc& fn, Done /*done*/) {
  auto stop = chan::make<chan::Unit>();
  struct CloseOnReturn {
    chan::Chan<chan::Unit> ch;
    ~CloseOnReturn() { ch.close(); }
  } close_stop{stop};
  auto c = wait(stop);
  for (;;) {
    auto [tick, open] = c.recv_ok();
    if (fn()) return;
    if (!open) return;
  }
}

WaitFunc poller(std::chrono::nanoseconds interval, std::chrono::nanoseconds timeout) {
  return [interval, timeout](Done done) -> chan::RecvChan<chan::Unit> {
    auto ch = chan::make<chan::Unit>();
    chan::go([ch, done, interval, timeout] {
      auto after = chan::after(timeout);
      for (bool polling = true; polling;) {
        chan::select(
            chan::on_recv(chan::after(interval),
                          [&](auto, bool) {
                            chan::select(chan::on_send(ch, chan::Unit{}, [] {}), chan::on_default([] {}));
                          }),
            chan::on_recv(after, [&](auto, bool) { polling = false; }),
            chan::on_recv(done, [&](chan::Unit, bool) { polling = false; }));
      }
      ch.close();
    });
    return ch;
  };
}

}  // namespace

int main() {
  auto stop_ch = chan::make<chan::Unit>();
  auto wait_func = poller(1ms, kForeverTestTimeout);
  Done done_ch;
  wait_for(
      [&](Done done) {
        done_ch = done;
        return wait_func(done);
      },
      [] { return true; }, stop_ch);
  done_ch.recv();
  stop_ch.close();
}
