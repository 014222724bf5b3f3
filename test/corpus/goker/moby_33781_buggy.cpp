// corpus: goker/moby_33781 buggy
// origin: GoBench GoKer moby#33781 (blocking: communication deadlock, channel & context)
// mechanism: when the health monitor is stopped while a probe runs, it returns without draining the probe's unbuffered results channel, so the probe goroutine blocks forever on its send.
// run: leak
//
// The probe takes 100 ms (the sleep) and the stop request arrives at 30 ms,
// while the monitor waits for the probe: this forces the interleaving.
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
                   chan::Chan<bool> results = chan::make<bool>();
                   auto [ctx, cancel_probe] = chan::with_timeout(chan::background(), kProbeTimeout);
                   chan::go([results] {
                     results.send(run_probe());  // expect: CH201
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
  std::this_thread::sleep_for(200ms);  // lets the probe settle before the exit-time leak check
  return 0;
}
