// A send blocked on a channel ends when a receiver comes or when the channel
// is closed: a goroutine that would close it, but first waits for a lock the
// sender holds, closes a wait cycle (reported at the lock), not a leak of the
// sender with nobody to receive.  Only the blocking rules are checked here:
// the lifecycle rules' CH101 on the close (the send and the close are
// ordered by the lock and the null check) is not this file's subject.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='[CH20'
#include <chan/chan.hpp>

#include <memory>
#include <mutex>

class Framer {
public:
  explicit Framer(chan::Chan<bool> closed) : closed_(closed) {}

  // Tells the monitor a frame went out.
  void write_frame() {
    std::lock_guard g(write_lock_);
    if (reset_)
      reset_.send(true);
  }

  // Once the connection closes, stops the resets.
  void monitor() {
    closed_.recv();
    std::lock_guard g(write_lock_);
    // CHECK: :[[@LINE-1]]:21: warning: wait cycle: the goroutine started at line [[@LINE+24]] sends on 'reset_' and waits for the goroutine started at line [[@LINE+26]]; the goroutine started at line [[@LINE+26]] locks 'write_lock_' and waits for the goroutine started at line [[@LINE+24]]{{.*}} [CH203 wait-cycle]
    reset_.close();
    reset_ = {};
  }

  // The fixed monitor takes the pending reset before it locks.
  void draining_monitor() {
    closed_.recv();
    reset_.recv();
    std::lock_guard g(write_lock_);
    reset_ = {};
  }

private:
  chan::Chan<bool> closed_;
  chan::Chan<bool> reset_ = chan::make<bool>();
  std::mutex write_lock_;
};

void run_framer() {
  auto closed = chan::make<bool>();
  auto framer = std::make_shared<Framer>(closed);
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([framer, &wg] { framer->write_frame(); wg.done(); });
  chan::go([closed] { closed.send(true); });
  chan::go([framer, &wg] { framer->monitor(); wg.done(); });
  wg.wait();
}

// ---- nothing below may be reported ----

void run_draining_framer() {
  auto closed = chan::make<bool>();
  auto framer = std::make_shared<Framer>(closed);
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([framer, &wg] { framer->write_frame(); wg.done(); });
  chan::go([closed] { closed.send(true); });
  chan::go([framer, &wg] { framer->draining_monitor(); wg.done(); });
  wg.wait();
}
