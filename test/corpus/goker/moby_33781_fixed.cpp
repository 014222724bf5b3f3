// corpus: goker/moby_33781 fixed
// origin: GoBench GoKer moby#33781 (blocking: communication deadlock, channel & context)
// mechanism: the probe's results channel has a buffer of one, so the probe goroutine can deliver its result and exit even after the monitor has stopped waiting for it.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

bool run_probe() {
  std::this_thread::sleep_for(100ms);
  return true;
}

void monitor(chan::RecvChan<bool> stop) {
  constexpr auto kProbeInterval = 5ms;
  constexpr auto kProbeTimeout = 500ms;
  for (;;) {
    bool stopping = false;
    chan::select(chan::on_recv(stop, [&] { stopping = true; }), chan::on_recv(chan::after(kProbeInterval), [&] {
                   chan::Chan<bool> results = chan::make<bool>(1);
                   auto [ctx, cancel_probe] = chan::with_timeout(chan::background(), kProbeTimeout);
                   chan::go([results] {
                     results.send(run_probe());
                     results.close();
                   });
                   chan::select(chan::on_recv(stop,
                                              [&, cancel_probe = cancel_probe] {
                                                cancel_probe();
                                                stopping = true;
                                              }),
                                chan::on_recv(results, [cancel_probe = cancel_probe] { cancel_probe(); }),
                                chan::on_recv(ctx.done(), [&, cancel_probe = cancel_probe] {
                                  cancel_probe();
                                  results.recv();
                                }));
                 }));
    if (stopping) return;
  }
}

int main() {
  chan::Chan<bool> stop = chan::make<bool>();
  chan::go(monitor, stop);
  chan::go([stop] {
    std::this_thread::sleep_for(30ms);
    stop.send(true);
  });
  std::this_thread::sleep_for(200ms);
  return 0;
}
