// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <mutex>
#include <vector>

// add() holds mu_ and calls size(), which locks mu_ again.
class Cache {
public:
  void add(int item) {
    std::lock_guard<std::mutex> g(mu_);
    if (size() > 100)
      items_.clear();
    items_.push_back(item);
  }
  std::size_t size() {
    std::lock_guard<std::mutex> g(mu_);
    // CHECK: :[[@LINE-1]]:33: error: the goroutine started at line [[@LINE+15]] locks mutex 'mu_' while holding it: the mutex is not recursive, so it waits for itself forever [CH206 recursive-lock]
    // CHECK: :[[@LINE+13]]:3: note: 'fill_in_background' adds to WaitGroup 'wg'
    // CHECK: :[[@LINE+13]]:3: note: 'fill_in_background' starts a goroutine
    // CHECK: :[[@LINE-10]]:33: note: the goroutine started at line [[@LINE+12]] locks 'mu_'
    return items_.size();
  }

private:
  std::mutex mu_;
  std::vector<int> items_;
};

void fill_in_background(Cache &cache) {
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    cache.add(1);
    wg.done();
  });
  wg.wait();
}

struct Counter {
  chan::Mutex mu;
  int n = 0;
  void bump() { mu.lock(); n++; mu.unlock(); }
  // CHECK: :[[@LINE-1]]:17: error: the goroutine started at line [[@LINE+8]] locks mutex 'mu' while holding it: the mutex is not recursive, so it waits for itself forever [CH206 recursive-lock]
  void bump_twice() { mu.lock(); bump(); bump(); mu.unlock(); }
  // CHECK: :[[@LINE+6]]:3: note: 'count_in_goroutine' starts a goroutine
  // CHECK: :[[@LINE-2]]:23: note: the goroutine started at line [[@LINE+5]] locks 'mu'
};

void count_in_goroutine(Counter *c) {
  auto done = chan::make<int>();
  chan::go([c, done] {
    c->bump_twice();
    done.close();
  });
  done.recv();
}

// ---- nothing below may be reported ----

class SafeCache {
public:
  void add(int item) {
    std::lock_guard<std::mutex> g(mu_);
    if (size_locked() > 100)
      items_.clear();
    items_.push_back(item);
  }
  std::size_t size() {
    std::lock_guard<std::mutex> g(mu_);
    return size_locked();
  }

private:
  std::size_t size_locked() const { return items_.size(); } // the caller holds mu_
  std::mutex mu_;
  std::vector<int> items_;
};

void fill_safe_cache(SafeCache &cache) {
  auto done = chan::make<int>();
  chan::go([&cache, done] {
    cache.add(1);
    (void)cache.size();
    done.close();
  });
  done.recv();
}

void recursive_mutex_may_relock() {
  std::recursive_mutex mu;
  auto done = chan::make<int>();
  chan::go([&mu, done] {
    std::lock_guard<std::recursive_mutex> outer(mu);
    std::lock_guard<std::recursive_mutex> inner(mu);
    done.close();
  });
  done.recv();
}
