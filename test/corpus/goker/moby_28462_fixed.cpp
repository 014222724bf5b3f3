// corpus: goker/moby_28462 fixed
// origin: GoBench GoKer moby#28462 (blocking: mixed deadlock, channel & lock)
// mechanism: CloseMonitorChannel() closes the stop channel instead of sending on it, which never blocks, so StateChanged() releases the container lock and the monitor sees the close at its next select.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

struct Health {
  chan::Chan<chan::Unit> stop = chan::make<chan::Unit>();  // guarded by the container lock

  chan::Chan<chan::Unit> open_monitor_channel() const { return stop; }
  void close_monitor_channel() {
    if (stop) {
      stop.close();
      stop = chan::Chan<chan::Unit>{};  // nil: closed once only
    }
  }
};

struct Container {
  chan::Mutex mu;
  Health health;
};

void run_probe() { std::this_thread::sleep_for(100ms); }

void handle_probe_result(Container& c) { std::lock_guard lock(c.mu); }

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
    std::this_thread::sleep_for(20ms);
    d.state_changed();
    wg.done();
  });
  wg.wait();
  return 0;
}
