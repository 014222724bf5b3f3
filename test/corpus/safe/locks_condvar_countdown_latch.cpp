// corpus: safe/locks_condvar_countdown_latch
// origin: precision suite
// mechanism: a CountDownLatch (std::mutex + std::condition_variable, wait with a predicate on the count) lets a coordinator wait until N initialisers have each counted down once; count_down() decrements and notifies under the lock, wait() re-checks its predicate, so a notify before the wait is never lost and the coordinator always wakes.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

class CountDownLatch {
 public:
  explicit CountDownLatch(int count) : count_(count) {}

  // Notifies with the lock held: a waiter that sees zero may destroy the
  // latch as soon as it can reacquire the lock, so nothing touches it after.
  void count_down() {
    std::lock_guard<std::mutex> lock(mu_);
    if (count_ > 0 && --count_ == 0) cv_.notify_all();
  }

  void wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return count_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int count_;
};

int main() {
  const std::vector<std::string> modules{"storage", "network", "auth", "metrics"};
  CountDownLatch ready(static_cast<int>(modules.size()));
  CountDownLatch exited(static_cast<int>(modules.size()));
  std::atomic<int> initialised{0};

  for (const std::string& m : modules) {
    chan::go([&, m] {
      if (!m.empty()) ++initialised;
      ready.count_down();
      exited.count_down();
    });
  }
  ready.wait();
  const int at_ready = initialised.load();
  exited.wait();  // nothing touches the latches after this returns
  return at_ready == 4 ? 0 : 1;
}
