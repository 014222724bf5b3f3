#pragma once
// Go's sync.WaitGroup, sync.Mutex, sync.RWMutex and sync.Cond.  Waiters park
// through the runtime, so they take part in deadlock detection and leak
// reports.
#include <cstdint>
#include <source_location>

#include "chan/detail/core.hpp"

namespace chan {

namespace detail {
struct sync_inspector;  // reads the objects' state for snapshots (src/diagnostics.cpp)
}

class WaitGroup {
 public:
  WaitGroup() = default;
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  // Panics "sync: negative WaitGroup counter" if the counter goes below 0.
  void add(int delta, std::source_location loc = std::source_location::current());
  void done(std::source_location loc = std::source_location::current()) { add(-1, loc); }
  void wait(std::source_location loc = std::source_location::current());

 private:
  friend struct detail::sync_inspector;
  detail::spin_mutex lock_;
  std::int64_t counter_ = 0;
  detail::waitq waiters_;
  detail::live_object live_{detail::object_kind::waitgroup, this};
};

// BasicLockable and Lockable: works with std::lock_guard, std::unique_lock
// and std::scoped_lock.  Not recursive; unlock may come from any goroutine.
class Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock(std::source_location loc = std::source_location::current());
  // As Go: "fatal error: sync: unlock of unlocked mutex" (exit status 2;
  // not an exception, not recoverable).
  void unlock(std::source_location loc = std::source_location::current());
  bool try_lock();

 private:
  friend struct detail::sync_inspector;
  detail::spin_mutex lock_;
  bool locked_ = false;
  std::uint64_t owner_ = 0;  // the goroutine that locked it, for snapshots
  detail::waitq waiters_;
  detail::live_object live_{detail::object_kind::mutex, this};
};

// Go's RWMutex: a writer waiting in lock() blocks new readers, so readers
// cannot starve it.  Works with std::shared_lock for the read side.
class RLocker;

class RWMutex {
 public:
  RWMutex() = default;
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  void lock(std::source_location loc = std::source_location::current());
  // As Go: "fatal error: sync: Unlock of unlocked RWMutex" (exit status 2).
  void unlock(std::source_location loc = std::source_location::current());
  bool try_lock();
  void lock_shared(std::source_location loc = std::source_location::current());
  // As Go: "fatal error: sync: RUnlock of unlocked RWMutex" (exit status 2).
  void unlock_shared(std::source_location loc = std::source_location::current());
  bool try_lock_shared();
  // Go's rw.RLocker(): a locker whose lock()/unlock() take the read side.
  RLocker rlocker();

 private:
  friend struct detail::sync_inspector;
  detail::spin_mutex lock_;
  bool writer_ = false;
  std::uint64_t writer_owner_ = 0;  // the goroutine holding the write lock
  std::int64_t readers_ = 0;        // read locks held
  detail::waitq writers_waiting_;
  detail::waitq readers_waiting_;
  detail::live_object live_{detail::object_kind::rwmutex, this};
};

// Go's rw.RLocker(): lock() and unlock() take and release the read side of
// the RWMutex it refers to (BasicLockable, so std::lock_guard works too).
class RLocker {
 public:
  explicit RLocker(RWMutex& m) noexcept : m_(&m) {}
  void lock(std::source_location loc = std::source_location::current()) { m_->lock_shared(loc); }
  void unlock(std::source_location loc = std::source_location::current()) { m_->unlock_shared(loc); }
  RWMutex& mutex() const noexcept { return *m_; }

 private:
  RWMutex* m_;
};

inline RLocker RWMutex::rlocker() { return RLocker(*this); }

// Go's sync.Cond.  L, the locker given at construction (a Mutex, the write
// side of an RWMutex, or its read side through an RLocker), must be held
// when calling wait().  As in Go, wait() returns only after a signal() or
// broadcast(), but L is free while it waits, so the condition may be false
// again by the time it returns: wait in a loop.
//
//   std::unique_lock lock(mu);
//   while (!ready) cond.wait();
//
// signal() wakes the goroutine that has waited longest, broadcast() every
// waiter; neither needs L held, and neither is remembered when nobody waits.
// Waiters are reported as `sync.Cond.Wait` by the deadlock detector, the
// leak check and goroutine dumps.
class Cond {
 public:
  explicit Cond(Mutex& m) noexcept : l_(&m), side_(side::mutex) {}
  explicit Cond(RWMutex& m) noexcept : l_(&m), side_(side::write) {}
  explicit Cond(RLocker l) noexcept : l_(&l.mutex()), side_(side::read) {}
  Cond(const Cond&) = delete;
  Cond& operator=(const Cond&) = delete;

  // Unlocks L, waits for signal() or broadcast(), and locks L again before
  // returning (also when a deadlock handler makes it throw deadlock_error).
  void wait(std::source_location loc = std::source_location::current());
  void signal();
  void broadcast();

 private:
  enum class side : std::uint8_t { mutex, write, read };
  void lock_l(const std::source_location& loc);
  void unlock_l(const std::source_location& loc);

  void* l_;
  side side_;
  // Go's notifyList: every wait() takes a ticket before unlocking L; a
  // signal notifies the oldest ticket not yet notified, even if its waiter
  // has not parked yet, so no wake-up is lost between unlock and park.
  friend struct detail::sync_inspector;
  detail::spin_mutex lock_;
  std::uint64_t next_ticket_ = 0;    // the ticket the next wait() takes
  std::uint64_t notify_ticket_ = 0;  // every ticket below it is notified
  detail::waitq waiters_;            // parked waiters, with their tickets
  detail::live_object live_{detail::object_kind::cond, this};
};

}  // namespace chan
