// corpus: goker/kubernetes_70277 buggy
// origin: GoBench GoKer kubernetes#70277 (blocking: communication deadlock, channel)
// mechanism: WaitFor() hands the caller's done channel to the poller and returns without closing anything, so the poller goroutine only ends at its timeout and a wait on that done channel never returns.
// run: deadlock
//
// The kernel's 20s "forever" timeout is 200ms here, so that once the poller
// has timed out the blocked receive is the only thing left and the runtime's
// deadlock report ends the program.
#include <chan/chan.hpp>

#include <chrono>
#include <functional>

namespace {

using namespace std::chrono_literals;
using Done = chan::RecvChan<chan::Unit>;
using WaitFunc = std::function<chan::RecvChan<chan::Unit>(Done)>;
using ConditionFunc = std::function<bool()>;

constexpr auto kForeverTestTimeout = 200ms;

void wait_for(const WaitFunc& wait, const ConditionFunc& fn, Done done) {
  auto c = wait(done);
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
            chan::on_recv(chan::after(interval),  // the kernel's ticker
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
  done_ch.recv();  // expect: CH202
  stop_ch.close();  // the kernel's deferred close(stopCh)
}
