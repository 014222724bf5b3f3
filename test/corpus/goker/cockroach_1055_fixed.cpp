// corpus: goker/cockroach_1055 fixed
// origin: GoBench GoKer cockroach#1055 (blocking: mixed deadlock, channel & WaitGroup)
// mechanism: Stop() holds the mutex only to set draining and waits for tasks and workers without it; StartTask checks draining under the mutex, so a task is either registered before Stop waits or refused.
// run: exit0
#include <chan/chan.hpp>

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
    std::lock_guard lock(mu_);
    if (draining_) return false;
    tasks_.add(1);
    return true;
  }
  void finish_task() { tasks_.done(); }

  void stop() {
    {
      std::lock_guard lock(mu_);
      draining_ = true;
    }
    tasks_.wait();
    stopper_.close();
    workers_.wait();
  }

 private:
  chan::Chan<chan::Unit> stopper_ = chan::make<chan::Unit>();
  chan::WaitGroup workers_;
  chan::Mutex mu_;
  bool draining_ = false;  // guarded by mu_
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
  std::this_thread::sleep_for(20ms);
  stopper.stop();
  return 0;
}
