// When the function a search starts from returns, the goroutines it leaves
// keep running on its objects as they were (in Go they live on): a late
// done() on its WaitGroup does not find a fresh counter at zero.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <functional>
#include <mutex>

class Stopper {
public:
  void run_worker(std::function<void()> f) {
    workers_.add(1);
    // The worker's add() from zero races stop()'s wait(): the bug of
    // cockroach#4407, which this program reduces (only the negative
    // counter must not be reported).
    // CHECK: :[[@LINE-4]]:5: warning: the goroutine started at line [[@LINE+24]] adds to WaitGroup 'workers_' while its counter is 0, so main may already have returned from its wait() on it
    chan::go([this, f = std::move(f)] {
      f();
      workers_.done();
    });
  }
  void stop() {
    stopper_.close();
    workers_.wait();
    std::lock_guard lock(mu_);
    stopped_ = true;
  }

private:
  chan::Chan<chan::Unit> stopper_ = chan::make<chan::Unit>();
  chan::WaitGroup workers_;
  chan::Mutex mu_;
  bool stopped_ = false;
};

// A worker started after stop() returned finishes after main: its done()
// balances its add().
int main() {
  Stopper stopper;
  chan::go([&stopper] { stopper.run_worker([] {}); });
  stopper.stop();
  return 0;
}

// ---- a real negative counter ----

void done_twice() {
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&wg] {
    wg.done();
    wg.done();
    // CHECK: :[[@LINE-1]]:5: error: WaitGroup 'wg' counter goes negative (more done() than add())
  });
  wg.wait();
}
