// corpus: safe/locks_std_lock_adopt
// origin: precision suite
// mechanism: swap(a, b) between two Buffers locks both mutexes with std::lock(a.mu, b.mu) and hands them to std::lock_guard with std::adopt_lock; goroutines swap in both argument orders, and std::lock's deadlock avoidance makes the opposite orders safe; every lock is released by its guard.
// run: exit0
#include <chan/chan.hpp>

#include <mutex>
#include <numeric>
#include <vector>

class Buffer {
 public:
  explicit Buffer(std::vector<int> data) : data_(std::move(data)) {}

  friend void swap_contents(Buffer& a, Buffer& b) {
    if (&a == &b) return;
    std::lock(a.mu_, b.mu_);
    std::lock_guard<std::mutex> la(a.mu_, std::adopt_lock);
    std::lock_guard<std::mutex> lb(b.mu_, std::adopt_lock);
    a.data_.swap(b.data_);
  }

  int sum() {
    std::lock_guard<std::mutex> l(mu_);
    return std::accumulate(data_.begin(), data_.end(), 0);
  }

 private:
  std::mutex mu_;
  std::vector<int> data_;
};

int main() {
  Buffer front({1, 2, 3}), back({10, 20, 30, 40});
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([&] {
    for (int i = 0; i < 500; ++i) swap_contents(front, back);
    wg.done();
  });
  chan::go([&] {
    for (int i = 0; i < 501; ++i) swap_contents(back, front);
    wg.done();
  });
  wg.wait();
  // 1001 swaps in total: an odd number, so the contents ended up exchanged.
  return front.sum() == 100 && back.sum() == 6 ? 0 : 1;
}
