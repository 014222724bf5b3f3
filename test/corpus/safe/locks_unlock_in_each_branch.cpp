// corpus: safe/locks_unlock_in_each_branch
// origin: precision suite
// mechanism: a session cache's lookup() calls mu.lock() once and mu.unlock() separately on each of its three branches (hit, expired entry, miss) before returning or before the slow refresh, which runs unlocked and then relocks; every path leaves the mutex unlocked, so no later lock() waits forever.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <string>

struct Entry {
  std::string user;
  int expires_at;
};

class SessionCache {
 public:
  std::string lookup(const std::string& token, int now) {
    mu_.lock();
    auto it = sessions_.find(token);
    if (it != sessions_.end() && it->second.expires_at > now) {
      std::string user = it->second.user;
      mu_.unlock();
      return user;
    }
    if (it != sessions_.end()) {
      sessions_.erase(it);
      ++expired_;
      mu_.unlock();
    } else {
      ++misses_;
      mu_.unlock();
    }
    Entry fresh = refresh(token, now);  // slow: no lock held
    mu_.lock();
    sessions_[token] = fresh;
    mu_.unlock();
    return fresh.user;
  }

  int expired() {
    std::lock_guard lock(mu_);
    return expired_;
  }

 private:
  static Entry refresh(const std::string& token, int now) { return {"user-" + token, now + 10}; }

  chan::Mutex mu_;
  std::map<std::string, Entry> sessions_;
  int expired_ = 0;
  int misses_ = 0;
};

int main() {
  SessionCache cache;
  chan::WaitGroup wg;
  for (int g = 0; g < 3; ++g) {
    wg.add(1);
    chan::go([&cache, &wg, g] {
      for (int now = 0; now < 60; ++now)
        (void)cache.lookup("t" + std::to_string((now + g) % 5), now);
      wg.done();
    });
  }
  wg.wait();
  const int before = cache.expired();
  const bool refreshed = cache.lookup("t1", 1000) == "user-t1";  // long expired: the middle branch
  return refreshed && cache.expired() == before + 1 && cache.lookup("t1", 1000) == "user-t1" ? 0 : 1;
}
