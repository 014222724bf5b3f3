// corpus: goker/cockroach_1055 buggy
// origin: GoBench GoKer cockroach#1055 (blocking: mixed deadlock, channel & WaitGroup)
// mechanism: Stop() holds the stopper mutex while it waits on the worker WaitGroup, but a worker that saw draining == 0 just before is blocked acquiring that mutex in StartTask, so it never reaches SetStopped.
// run: deadlock
//
// The worker checks the draining flag without the lock and only then locks:
// a check-then-act window.  The sleep inside that window (standing in for the
// scheduler preempting the worker there) forces the bad interleaving on every
// execution: Stop() takes the mutex while the worker sleeps.
#include <chan/chan.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

class Stopper {
 public:
  void add_worker() { workers_.add(1); }
  chan::RecvChan<chan::Unit> should_stop() const { return stopper_; }
  void set_stopped() { workers_.done(); }

  bool start_task() {
    if (draining_.load() == 0) {
      std::this_thread::sleep_for(100ms);  // forces the interleaving (see header)
      std::lock_guard lock(mu_);  // expect: CH203
      tasks_.add(1);
      return true;
    }
    return false;
  }
  void finish_task() { tasks_.done(); }

  void stop() {
    std::lock_guard lock(mu_);
    draining_.store(1);
    tasks_.wait();
    stopper_.close();
    workers_.wait();  // waits for the worker while still holding mu_
  }

 private:
  chan::Chan<chan::Unit> stopper_ = chan::make<chan::Unit>();
  chan::WaitGroup workers_;
  chan::Mutex mu_;
  std::atomic<int> draining_{0};
  chan::WaitGroup tasks_;
};

int main() {
  Stopper stopper;
  stopper.add_worker();
  chan::Chan<chan::Unit> worker_started = chan::make<chan::Unit>();
  chan::go([&stopper, worker_started] {
    worker_started.close();
    if (stopper.start_task()) stopper.finish_task();
    stopper.should_stop().recv();
    stopper.set_stopped();
  });
  worker_started.recv();
  std::this_thread::sleep_for(20ms);  // lets the worker pass the draining check first
  stopper.stop();
  return 0;
}
