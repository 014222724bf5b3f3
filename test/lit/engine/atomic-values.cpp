// std::atomic<bool> and std::atomic<int> hold what they are initialised
// with ({v}, (v), {} and, since C++20, a default construction: zero) and
// what store(), = and exchange() put in them; any other change (++, +=,
// fetch_add, ...) leaves a value the explorer does not know.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <atomic>
#include <memory>
#include <chrono>
#include <mutex>
#include <thread>
#include <utility>

using namespace std::chrono_literals;

// ---- positive cases ----

// A "try" read that checks a closed flag and then does a blocking receive.
class ReadGuard {
public:
  explicit ReadGuard(chan::Chan<int> ch) : ch_(std::move(ch)) {}
  std::pair<int, bool> try_read() {
    if (closed_.load())
      return {0, false};
    return ch_.recv_ok();
    // CHECK: atomic-values.cpp:[[@LINE-1]]:12: error: 'read_before_anything_is_sent' blocks forever receiving from channel 'ch_'{{.*}}[CH202 blocked-recv-leak]
  }
  void close() {
    closed_.store(true);
    ch_.close();
  }

private:
  chan::Chan<int> ch_;
  std::atomic<bool> closed_{false};
};

void read_before_anything_is_sent() {
  ReadGuard guard(chan::make<int>());
  chan::go([] {});
  guard.try_read();
  guard.close();
}

// Check-then-act on an atomic counter: the worker passes the check, the
// stopper takes the lock and waits for the worker, which waits for the lock.
class Stopper {
public:
  void start_task() {
    if (draining_.load() == 0) {
      std::lock_guard lock(mu_);
      // CHECK: :[[@LINE-1]]:23: warning: wait cycle: {{.*}} forever on some interleavings or branches{{.*}}[CH203 wait-cycle]
      tasks_.add(1);
    }
  }
  void set_stopped() { workers_.done(); }
  void stop() {
    std::lock_guard lock(mu_);
    draining_.store(1);
    workers_.wait();
  }
  chan::WaitGroup workers_;

private:
  chan::Mutex mu_;
  std::atomic<int> draining_{0};
  chan::WaitGroup tasks_;
};

void stop_while_a_worker_starts() {
  Stopper stopper;
  stopper.workers_.add(1);
  chan::go([&stopper] {
    stopper.start_task();
    stopper.set_stopped();
  });
  stopper.stop();
}

// ---- negative cases: nothing below may be reported ----

void flag_set_at_construction() {
  std::atomic<bool> closed{true};
  auto ch = chan::make<int>();
  chan::go([] {});
  if (!closed.load())
    ch.recv();
}

void value_initialised_counter() {
  std::atomic<int> pending{};
  auto ch = chan::make<int>();
  chan::go([] {});
  if (pending.load() != 0)
    ch.recv();
}

void incremented_before_the_test() {
  std::atomic<int> started{0};
  auto ch = chan::make<int>();
  chan::go([] {});
  started++;
  if (started.load() == 0)
    ch.recv();
}

void fetch_add_before_the_test() {
  std::atomic<int> started{0};
  auto ch = chan::make<int>();
  chan::go([] {});
  started.fetch_add(1);
  if (started == 0)
    ch.recv();
}

void compound_assignment_through_a_pointer() {
  auto counter = std::make_unique<std::atomic<int>>(0);
  auto ch = chan::make<int>();
  chan::go([] {});
  *counter += 2;
  if (counter->load() == 0)
    ch.recv();
}

struct Flags {
  std::atomic<int> n{0};
};

void member_decremented_by_a_callee(Flags &f) { --f.n; }

void decremented_by_a_callee() {
  Flags f;
  auto ch = chan::make<int>();
  chan::go([] {});
  member_decremented_by_a_callee(f);
  if (f.n.load() == 0)
    ch.recv();
}
