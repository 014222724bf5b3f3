// corpus: safe/locks_rwmutex_config_readers
// origin: precision suite
// mechanism: a Config store guarded by chan::RWMutex serves many reader goroutines through std::shared_lock (each reader takes one read lock per call and never calls a write method or a second read while holding it) and one reloader through std::lock_guard; a waiting writer blocks new readers, but since no reader re-enters, the writer always gets the lock and nothing deadlocks.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

class Config {
 public:
  std::string get(const std::string& key) const {
    std::shared_lock<chan::RWMutex> lock(mu_);
    auto it = values_.find(key);
    return it == values_.end() ? std::string() : it->second;
  }

  int version() const {
    std::shared_lock<chan::RWMutex> lock(mu_);
    return version_;
  }

  void reload(std::map<std::string, std::string> next) {
    std::lock_guard<chan::RWMutex> lock(mu_);
    values_ = std::move(next);
    ++version_;
  }

 private:
  mutable chan::RWMutex mu_;
  std::map<std::string, std::string> values_{{"mode", "v0"}};
  int version_ = 0;
};

int main() {
  Config config;
  chan::WaitGroup wg;
  auto bad_reads = chan::make<int>(4);
  for (int r = 0; r < 4; ++r) {
    wg.add(1);
    chan::go([&config, &wg, bad_reads] {
      int bad = 0;
      for (int i = 0; i < 300; ++i) {
        const std::string mode = config.get("mode");  // one read lock, released
        const int v = config.version();               // another, separately
        if (mode.empty() || v < 0) ++bad;
      }
      bad_reads.send(bad);
      wg.done();
    });
  }
  wg.add(1);
  chan::go([&config, &wg] {
    for (int v = 1; v <= 50; ++v) config.reload({{"mode", "v" + std::to_string(v)}});
    wg.done();
  });
  wg.wait();

  int bad = 0;
  for (int r = 0; r < 4; ++r) bad += bad_reads.recv();
  return bad == 0 && config.version() == 50 && config.get("mode") == "v50" ? 0 : 1;
}
