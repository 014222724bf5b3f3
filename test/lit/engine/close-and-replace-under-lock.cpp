// Engine v2: a handle guarded by a mutex. Writers send on the member channel
// only while holding the mutex, reading the member at the send; the owner
// closes the channel and, before unlocking, replaces the member (with nil or
// a fresh channel). Under the mutex a writer finds either the open channel
// or the replacement, so it never sends on the closed one. If the owner
// unlocks before replacing, or a writer sends on a copy taken earlier, the
// send may find the channel closed.
// RUN: %expect_exit 1 %chcheck --enable CH101 %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <memory>
#include <mutex>

class Notifier {
public:
  void notify() {
    std::lock_guard<chan::Mutex> hold(mu_);
    if (!events_)
      return;
    events_.send(1);
  }
  void notify_unlocked_copy() {
    chan::Chan<int> events;
    {
      std::lock_guard<chan::Mutex> hold(mu_);
      events = events_;
    }
    if (events)
      events.send(1); // the channel may be closed by now
  }
  void stop() { // closes and clears under the lock
    mu_.lock();
    events_.close();
    events_ = chan::Chan<int>();
    mu_.unlock();
  }
  void restart() { // closes and re-makes under the lock
    std::lock_guard<chan::Mutex> hold(mu_);
    events_.close();
    events_ = chan::make<int>(16);
  }
  void stop_then_clear() { // clears too late: a writer may get the lock in between
    mu_.lock();
    events_.close();
    mu_.unlock();
    mu_.lock();
    events_ = chan::Chan<int>();
    mu_.unlock();
  }
  void stop_keep() { // never clears
    std::lock_guard<chan::Mutex> hold(mu_);
    events_.close();
  }

private:
  chan::Mutex mu_;
  chan::Chan<int> events_ = chan::make<int>(16);
};

// ---- positive cases ----

void stop_unlocks_before_clearing() {
  auto n = std::make_shared<Notifier>();
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([n, &wg] {
    n->notify();
    wg.done();
  });
  // CHECK: close-and-replace-under-lock.cpp:[[@LINE+1]]:3: warning: call to 'stop_then_clear' closes channel 'n->events_' while a goroutine started earlier may still send on it{{.*}}[CH101 send-on-closed]
  n->stop_then_clear();
  wg.wait();
}

void stop_without_clearing() {
  auto n = std::make_shared<Notifier>();
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([n, &wg] {
    n->notify();
    wg.done();
  });
  // CHECK: :[[@LINE+1]]:3: warning: call to 'stop_keep' closes channel 'n->events_' while a goroutine started earlier may still send on it{{.*}}[CH101 send-on-closed]
  n->stop_keep();
  wg.wait();
}

void writer_sends_on_a_copy() {
  auto n = std::make_shared<Notifier>();
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([n, &wg] {
    n->notify_unlocked_copy();
    wg.done();
  });
  // CHECK: :[[@LINE+1]]:3: warning: call to 'stop' closes channel 'n->events_' while a goroutine started earlier may still send on it{{.*}}[CH101 send-on-closed]
  n->stop();
  wg.wait();
}

// ---- negative cases: nothing below may be reported ----

void stop_clears_under_the_lock() {
  auto n = std::make_shared<Notifier>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([n, &wg] {
    n->notify();
    wg.done();
  });
  chan::go([n, &wg] {
    n->stop();
    wg.done();
  });
  wg.wait();
}

void restart_remakes_under_the_lock() {
  auto n = std::make_shared<Notifier>();
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([n, &wg] {
    n->notify();
    n->notify();
    wg.done();
  });
  n->restart();
  wg.wait();
}
