#pragma once
// Internal: goroutine records, parking and the bookkeeping of the deadlock
// detector.  Not installed.
//
// The detector follows Go's checkdead.  `live` counts goroutines that are
// running (not parked) plus pending timers (<< 32).  A goroutine about to
// park decrements it while still holding the lock of the object it waits
// on; a waker increments it for the goroutine it wakes before releasing that
// lock (Go's goready), never the woken goroutine itself.  So live reaches 0
// only when every known goroutine is parked with nobody left to wake it.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <source_location>
#include <thread>

#include "chan/detail/core.hpp"

namespace chan::detail {

enum class wait_reason : std::uint8_t {
  none,
  chan_send,
  chan_receive,
  chan_send_nil,
  chan_receive_nil,
  select,
  select_no_cases,
  waitgroup_wait,
  mutex_lock,
  rwmutex_lock,
  rwmutex_rlock,
  cond_wait,
};

struct G {
  std::uint64_t id = 0;
  bool started_by_go = false;
  bool is_main = false;
  // Parker word: 0 idle, 1 woken, 2 sleeping on the futex.
  std::atomic<std::uint32_t> wake{0};
  // Adaptive spinning: a running average of the pause iterations this
  // goroutine's recent brief waits needed; a wait that ran out decays it.
  // Only the goroutine itself touches it.
  int spin_average = 0;
  // Go's g.selectDone: the waker that CASes it 0 -> 1 wins the select.
  std::atomic<std::uint32_t> select_done{0};
  sudog* param = nullptr;  // the sudog that woke us, set by the waker

  // What the goroutine is blocked on, for reports.  Guarded by info_lock so
  // a report never reads a half-written record or a select's dead cases.
  spin_mutex info_lock;
  bool blocked = false;
  wait_reason reason = wait_reason::none;
  const void* object = nullptr;
  const scase* cases = nullptr;
  std::size_t ncases = 0;
  std::source_location where;
};

inline G* current_g() {
  ensure_known();
  return tls_g;
}

// Called with the lock of the awaited object held, after enqueuing.  Marks g
// blocked and does the deadlock check.  Returns true if this park completes
// a global deadlock and a handler is installed: the caller then dequeues,
// calls unblock_self(g), releases its locks and calls deadlock_detected(loc).
// Without a handler a deadlock prints Go's report and exits with status 2.
bool block_prepare(G* g, wait_reason reason, const void* object, const std::source_location& where,
                   const scase* cases = nullptr, std::size_t ncases = 0);
void unblock_self(G* g);
[[noreturn]] void deadlock_detected(const std::source_location& where);

// Waker side, with the awaited object's lock held: records sg as the reason
// g wakes and counts g as running again.
void ready(G* g, sudog* sg);
// Waker side, after releasing the lock.
void unpark(G* g) noexcept;
// As Go's canSpin: spinning only pays while the goroutines that could
// answer have a CPU, i.e. no more goroutines run than there are CPUs.
bool worth_spinning() noexcept;
// Parks until unparked.
void park(G* g) noexcept;

// The pause-loop bound of a brief wait is 2 * spin_average + spin_floor,
// capped at spin_ceiling (a PAUSE is roughly 10-40 ns, model-dependent).
inline constexpr int spin_floor = 16;
inline constexpr int spin_ceiling = 256;

// Yields before sleeping.  A thread that yields stays runnable, so when the
// CPUs are busy it runs again after the others had their turn instead of
// waiting to be woken and then scheduled.  On a loaded 2-core machine 16
// yields instead of 1 cut buffered 1:1 wall time by 25-35% for 20-50% more
// CPU; on an idle CPU a yield is one cheap system call.
inline constexpr int yield_limit = 16;

// Waits briefly for ready() before the caller sleeps: spins with PAUSE,
// but only while a partner can be running on another CPU
// (worth_spinning) and for as long as such spins recently paid off, then
// yields the CPU up to yield_limit times, which lets a partner that shares
// this CPU run.  Spinning that does not pay steals the time slice from the
// thread that would make progress, so a spin that runs out halves the next
// bound.
template <class Ready>
bool wait_briefly(G* g, Ready ready) noexcept {
  if (worth_spinning()) {
    const int limit = std::min(2 * g->spin_average + spin_floor, spin_ceiling);
    for (int i = 0; i < limit; ++i) {
      if (ready()) {
        g->spin_average += (i - g->spin_average) / 4;
        return true;
      }
      cpu_relax();
    }
    g->spin_average /= 2;
  }
  for (int i = 0; i < yield_limit; ++i) {
    std::this_thread::yield();
    if (ready()) return true;
  }
  return false;
}

// Pending timers (after, with_timeout) keep the detector quiet.
void timer_added() noexcept;
void timer_finished();

}  // namespace chan::detail
