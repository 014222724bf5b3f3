// corpus: goker/moby_28462 buggy
// origin: GoBench GoKer moby#28462 (blocking: mixed deadlock, channel & lock)
// mechanism: StateChanged() holds the container lock while it sends on the health monitor's unbuffered stop channel, but the monitor only receives from it between probes and needs that same lock to record a probe result.
// run: deadlock
//
// A probe takes time (the sleep in run_probe) and the state change comes in
// meanwhile: this forces the interleaving in which the monitor is inside a
// probe, not at its select, when the stop message is sent.
#include <chan/chan.hpp>

#include <chrono>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

struct Health {
  chan::Chan<chan::Unit> stop = chan::make<chan::Unit>();

  chan::Chan<chan::Unit> open_monitor_channel() const { return stop; }
  void close_monitor_channel() {
    if (stop) stop.send(chan::Unit{});
  }
};

struct Container {
  chan::Mutex mu;
  Health health;
};

void run_probe() { std::this_thread::sleep_for(100ms); }

void handle_probe_result(Container& c) {
  std::lock_guard lock(c.mu);  // expect: CH203
}

void monitor(Container& c, chan::RecvChan<chan::Unit> stop) {
  for (;;) {
    bool stopping = false;
    chan::select(chan::on_recv(stop, [&] { stopping = true; }), chan::on_default([&] {
                   run_probe();
                   handle_probe_result(c);
                 }));
    if (stopping) return;
  }
}

struct Daemon {
  Container* container;

  void state_changed() {
    std::lock_guard lock(container->mu);
    container->health.close_monitor_channel();
  }
};

int main() {
  Container c;
  Daemon d{&c};
  chan::WaitGroup wg;
  wg.add(2);
  chan::RecvChan<chan::Unit> stop = c.health.open_monitor_channel();
  chan::go([&c, &wg, stop] {
    monitor(c, stop);
    wg.done();
  });
  chan::go([&] {
    std::this_thread::sleep_for(20ms);  // the state change arrives during the first probe
    d.state_changed();
    wg.done();
  });
  wg.wait();
  return 0;
}
