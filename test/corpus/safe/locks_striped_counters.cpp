// corpus: safe/locks_striped_counters
// origin: precision suite
// mechanism: a StripedCounter keeps a std::array of std::mutex stripes and each increment locks exactly one stripe chosen by key hash; the sum() walks the stripes locking one at a time (each guard is released before the next is taken), so no goroutine ever holds two stripe locks and no lock order exists to invert.
// run: exit0
#include <chan/chan.hpp>

#include <array>
#include <functional>
#include <mutex>
#include <string>

class StripedCounter {
 public:
  void increment(const std::string& key, long by = 1) {
    Stripe& s = stripes_[std::hash<std::string>{}(key) % stripes_.size()];
    std::lock_guard<std::mutex> lock(s.mu);
    s.value += by;
  }

  long sum() {
    long total = 0;
    for (Stripe& s : stripes_) {
      std::lock_guard<std::mutex> lock(s.mu);
      total += s.value;
    }
    return total;
  }

 private:
  struct Stripe {
    std::mutex mu;
    long value = 0;
  };
  std::array<Stripe, 8> stripes_;
};

int main() {
  StripedCounter hits;
  chan::WaitGroup wg;
  for (int g = 0; g < 4; ++g) {
    wg.add(1);
    chan::go([&hits, &wg, g] {
      for (int i = 0; i < 250; ++i) {
        hits.increment("/page/" + std::to_string((i * 7 + g) % 13));
        if (i % 50 == 0) (void)hits.sum();
      }
      wg.done();
    });
  }
  wg.wait();
  return hits.sum() == 1000 ? 0 : 1;
}
