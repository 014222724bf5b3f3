// Engine v2: a channel that is closed because this goroutine waited for its
// close (a receive on a channel nothing is sent on returns only then) was
// closed by someone else, perhaps by the goroutine a `go` here started. A
// stop() guarded by std::call_once, called from several goroutines and from
// the spawner, closes once; the spawner's later wait for the close is not a
// second close.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <mutex>

class Server {
public:
  void stop() {
    std::call_once(stop_once_, [this] { quit_.close(); });
  }
  void abort() { quit_.close(); }
  chan::RecvChan<chan::Unit> quit() const { return quit_; }

private:
  chan::Chan<chan::Unit> quit_ = chan::make<chan::Unit>();
  std::once_flag stop_once_;
};

// ---- positive cases ----

void abort_races_the_stoppers() {
  Server server;
  chan::WaitGroup stoppers;
  stoppers.add(2);
  chan::go([&] {
    server.stop();
    stoppers.done();
  });
  chan::go([&] {
    // CHECK: close-seen-by-waiting.cpp:[[@LINE+1]]:5: error: call to 'stop' closes channel 'server.quit_', which a goroutine started earlier also closes{{.*}}[CH102 close-of-closed]
    server.stop();
    stoppers.done();
  });
  server.abort(); // not behind the once: one of the stoppers closes too
  stoppers.wait();
  server.quit().recv();
}

void helper_closes_then_main_closes() {
  Server server;
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    server.abort();
    wg.done();
  });
  // CHECK: :[[@LINE+1]]:3: error: call to 'abort' closes channel 'server.quit_', which a goroutine started earlier also closes{{.*}}[CH102 close-of-closed]
  server.abort();
  wg.wait();
  server.quit().recv();
}

// ---- negative cases: nothing below may be reported ----

int every_stopper_goes_through_the_once() {
  Server server;
  chan::WaitGroup stoppers;
  stoppers.add(2);
  chan::go([&] {
    server.stop();
    stoppers.done();
  });
  chan::go([&] {
    server.stop();
    stoppers.done();
  });
  server.stop();
  stoppers.wait();
  auto [v, open] = server.quit().recv_ok();
  (void)v;
  return open ? 1 : 0;
}
