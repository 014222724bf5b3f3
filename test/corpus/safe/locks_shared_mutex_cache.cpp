// corpus: safe/locks_shared_mutex_cache
// origin: precision suite
// mechanism: a memoizing cache guarded by std::shared_mutex looks up under a std::shared_lock, and on a miss releases the shared lock before computing and then takes a std::unique_lock to insert, re-checking the map (double-checked insert); no goroutine ever upgrades while holding the read lock, which would deadlock.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

class SquareCache {
 public:
  long get(int n) {
    {
      std::shared_lock<std::shared_mutex> read(mu_);
      auto it = cache_.find(n);
      if (it != cache_.end()) return it->second;
    }  // read lock released before computing
    const long value = compute(n);
    std::unique_lock<std::shared_mutex> write(mu_);
    auto [it, inserted] = cache_.emplace(n, value);  // another goroutine may have won
    if (inserted) ++inserts_;
    return it->second;
  }

  int inserts() const { return inserts_.load(); }
  int computations() const { return computations_.load(); }

 private:
  long compute(int n) {
    ++computations_;
    return static_cast<long>(n) * n;
  }

  std::shared_mutex mu_;
  std::unordered_map<int, long> cache_;
  std::atomic<int> inserts_{0};
  std::atomic<int> computations_{0};
};

int main() {
  SquareCache cache;
  chan::WaitGroup wg;
  std::atomic<long> sum{0};
  for (int g = 0; g < 4; ++g) {
    wg.add(1);
    chan::go([&, g] {
      for (int i = 0; i < 100; ++i) sum += cache.get((i + g) % 20);
      wg.done();
    });
  }
  wg.wait();
  // Each of the 20 keys inserted once, however many goroutines computed it.
  return cache.inserts() == 20 && cache.computations() >= 20 && cache.get(7) == 49 && sum.load() > 0 ? 0 : 1;
}
