// A loop that starts a goroutine or a timer on every iteration: once one
// has finished, nothing of it is left but its slot, which the next one
// takes, and the frames that returned leave nothing behind; the search
// comes back to states it has seen instead of running out of goroutines.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <chrono>

using namespace std::chrono_literals;

// ---- positive cases ----

// Each round's probe reports on an unbuffered channel; when the stop comes
// first the loop returns and that round's probe blocks forever.
void probe_until_stopped(chan::RecvChan<chan::Unit> stop) {
  for (;;) {
    auto result = chan::make<int>();
    chan::go([result] {
      result.send(1);
      // CHECK: goroutine-slots.cpp:[[@LINE-1]]:7: warning: the goroutine started at line [[@LINE-2]] blocks forever sending on channel 'result': no goroutine is left to receive on some interleavings or branches{{.*}}[CH201 blocked-send-leak]
    });
    bool stopping = false;
    chan::select(chan::on_recv(result, [](int, bool) {}),
                 chan::on_recv(stop, [&](chan::Unit, bool) { stopping = true; }));
    if (stopping)
      return;
  }
}

void start_prober() {
  auto stop = chan::make<chan::Unit>();
  chan::go(probe_until_stopped, stop);
  stop.close();
}

// A poller that makes a new timer on every round and returns at its
// deadline without closing what its caller waits on.
void poll(chan::Chan<chan::Unit> tick, chan::RecvChan<chan::Unit> done) {
  auto deadline = chan::after(200ms);
  for (bool polling = true; polling;)
    chan::select(chan::on_recv(chan::after(1ms), [&](auto, bool) {
                   chan::select(chan::on_send(tick, chan::Unit{}, [] {}), chan::on_default([] {}));
                 }),
                 chan::on_recv(deadline, [&](auto, bool) { polling = false; }),
                 chan::on_recv(done, [&](chan::Unit, bool) { polling = false; }));
}

int main() {
  auto tick = chan::make<chan::Unit>();
  auto done = chan::make<chan::Unit>();
  auto never = chan::make<chan::Unit>();
  chan::go(poll, tick, done);
  never.recv();
  // CHECK: :[[@LINE-1]]:3: warning: main blocks forever receiving from channel 'never'{{.*}}[CH202 blocked-recv-leak]
  done.close();
}

// ---- negative cases: nothing below may be reported ----

void probe_until_stopped_buffered(chan::RecvChan<chan::Unit> stop) {
  for (;;) {
    auto result = chan::make<int>(1); // the probe never waits for a reader
    chan::go([result] { result.send(1); });
    bool stopping = false;
    chan::select(chan::on_recv(result, [](int, bool) {}),
                 chan::on_recv(stop, [&](chan::Unit, bool) { stopping = true; }));
    if (stopping)
      return;
  }
}

void start_buffered_prober() {
  auto stop = chan::make<chan::Unit>();
  chan::go(probe_until_stopped_buffered, stop);
  stop.close();
}

// Every round waits for its worker, which always finishes.
void worker_per_round(chan::RecvChan<chan::Unit> stop) {
  for (;;) {
    auto finished = chan::make<chan::Unit>();
    chan::go([finished] { finished.close(); });
    finished.recv();
    bool stopping = false;
    chan::select(chan::on_recv(stop, [&](chan::Unit, bool) { stopping = true; }),
                 chan::on_recv(chan::after(5ms), [](auto, bool) {}));
    if (stopping)
      return;
  }
}

void start_worker_rounds() {
  auto stop = chan::make<chan::Unit>();
  auto finished = chan::make<chan::Unit>();
  chan::go([stop, finished] {
    worker_per_round(stop);
    finished.close();
  });
  stop.close();
  finished.recv();
}
