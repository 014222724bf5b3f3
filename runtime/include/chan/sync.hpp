#pragma once
// Go's sync.WaitGroup, sync.Mutex and sync.RWMutex.  Waiters park through
// the runtime, so they take part in deadlock detection and leak reports.
#include <cstdint>
#include <source_location>

#include "chan/detail/core.hpp"

namespace chan {

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
  detail::spin_mutex lock_;
  std::int64_t counter_ = 0;
  detail::waitq waiters_;
};

// BasicLockable and Lockable: works with std::lock_guard, std::unique_lock
// and std::scoped_lock.  Not recursive; unlock may come from any goroutine.
class Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock(std::source_location loc = std::source_location::current());
  // Panics "sync: unlock of unlocked mutex".
  void unlock(std::source_location loc = std::source_location::current());
  bool try_lock();

 private:
  detail::spin_mutex lock_;
  bool locked_ = false;
  detail::waitq waiters_;
};

// Go's RWMutex: a writer waiting in lock() blocks new readers, so readers
// cannot starve it.  Works with std::shared_lock for the read side.
class RWMutex {
 public:
  RWMutex() = default;
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  void lock(std::source_location loc = std::source_location::current());
  // Panics "sync: Unlock of unlocked RWMutex".
  void unlock(std::source_location loc = std::source_location::current());
  bool try_lock();
  void lock_shared(std::source_location loc = std::source_location::current());
  // Panics "sync: RUnlock of unlocked RWMutex".
  void unlock_shared(std::source_location loc = std::source_location::current());
  bool try_lock_shared();

 private:
  detail::spin_mutex lock_;
  bool writer_ = false;
  std::int64_t readers_ = 0;   // read locks held
  detail::waitq writers_waiting_;
  detail::waitq readers_waiting_;
};

}  // namespace chan
