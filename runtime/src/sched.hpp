#pragma once
// Internal: goroutine records, their registry, parking and the bookkeeping
// of the deadlock detector.  Not installed.
//
// The detector follows Go's checkdead.  `live` counts goroutines that are
// running (not parked) plus pending timers (<< 32).  A goroutine about to
// park decrements it while still holding the lock of the object it waits
// on; a waker increments it for the goroutine it wakes before releasing that
// lock (Go's goready), never the woken goroutine itself.  So live reaches 0
// only when every known goroutine is parked with nobody known left to wake
// it; whether a thread the runtime does not know could still wake one is
// decided by deadlock.cpp.
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <source_location>
#include <string>
#include <thread>
#include <vector>

#include "chan/checks.hpp"
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

// How a thread became a goroutine.
enum class g_kind : std::uint8_t {
  main,     // the process's main thread, from its first use of the runtime
  go,       // started by go() / go_named()
  adopted,  // another thread, from its first use of the runtime
};

struct G {
  std::uint64_t id = 0;
  g_kind kind = g_kind::adopted;
  // Identity for reports; written before the goroutine is published in the
  // registry (or, for tid, under the registry's lock), read under that lock.
  pid_t tid = 0;                   // OS thread id; 0 until the thread runs
  std::string name;                // go_named()'s name, or empty
  std::source_location created_at; // go()'s call site (kind == go)
  std::uint64_t created_by = 0;    // the goroutine that called go()

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
  std::int64_t blocked_since_ms = 0;  // coarse monotonic clock, for "N minutes"
};

// Every goroutine alive, and the threads that are not goroutines but must
// not be taken for threads the runtime has never seen.  Leaked on purpose:
// detached goroutines may use it while the process runs static destructors.
struct registry {
  std::mutex m;
  std::vector<G*> all;    // goroutines alive now
  std::vector<G*> spare;  // records of ended goroutines, reused (never freed:
                          // a late unpark may still touch a record's word)
  std::uint64_t next_id = 2;  // 1 is the main thread
  // Threads of goroutines that ended; they may linger in /proc/self/task
  // for a moment and will never use the runtime again.
  std::vector<pid_t> retired;
  // The runtime's own service threads (timers, monitor) and, in sanitizer
  // builds, the sanitizer's threads started before main.
  std::vector<pid_t> service;
};
registry& reg();

pid_t current_tid() noexcept;
std::int64_t coarse_now_ms() noexcept;

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

// Futex operations on a word of the caller's: sleeps while *word ==
// expected, for at most timeout_ns (returns false if the time ran out;
// spurious returns are possible), and wakes one or all sleepers.
bool futex_wait_for(std::atomic<std::uint32_t>* word, std::uint32_t expected,
                    std::int64_t timeout_ns) noexcept;
void futex_wake_one(std::atomic<std::uint32_t>* word) noexcept;
void futex_wake_all(std::atomic<std::uint32_t>* word) noexcept;

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

// A buffered channel's sender (receiver) that found the buffer full (empty)
// yields at most this often, then sleeps on the channel's futex word until
// a receiver (sender) makes room (a value), for at most polite_sleep_ns,
// before it queues as a Go waiter (chan.cpp).  See docs/runtime-bench.md:
// 4x4 MPMC at capacity 128 went from 34-49 context switches per 1000
// messages to 15.6, the floor of two per buffer's worth.
inline constexpr int polite_yield_limit = 4;
inline constexpr std::int64_t polite_sleep_ns = 1'000'000;

// Waits briefly for ready() before the caller sleeps: spins with PAUSE,
// but only while a partner can be running on another CPU
// (worth_spinning) and for as long as such spins recently paid off, then
// yields the CPU up to `yields` times, which lets a partner that shares
// this CPU run.  Spinning that does not pay steals the time slice from the
// thread that would make progress, so a spin that runs out halves the next
// bound.
template <class Ready>
bool wait_briefly(G* g, Ready ready, int yields = yield_limit) noexcept {
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
  for (int i = 0; i < yields; ++i) {
    std::this_thread::yield();
    if (ready()) return true;
  }
  return false;
}

// Pending timers (after, with_timeout) keep the detector quiet.
void timer_added() noexcept;
void timer_finished();

// ---- the state the deadlock detector reads (sched.cpp) --------------------

// Goroutines counted as running, and pending timers, right now.
std::int64_t running_goroutines() noexcept;
std::int64_t pending_timers() noexcept;
// How many times any goroutine has parked: a verdict reached while it did
// not change saw one consistent state.
std::uint64_t park_count() noexcept;

// ---- the deadlock detector (deadlock.cpp) ---------------------------------

// live just dropped to 0 in this thread.  Returns true if it is a certain
// deadlock to hand to the installed handler (the report waits in this
// thread for deadlock_detected); prints Go's report and exits without a
// handler; returns false when nobody waits, or when a thread the runtime
// does not know may still wake a goroutine (the monitor keeps watching).
bool on_live_zero();
// The same, found by a thread that is not itself blocking (a goroutine
// ending, a timer firing, the monitor): nobody to throw to.
void on_live_zero_outside();
// The monitor's periodic look at a stall that was not certain (every known
// goroutine parked while unknown threads exist): reports it once it becomes
// certain, and prints a warning once the same stall has lasted a second.
// Returns false once the stall is over or reported.
bool watch_stall();

}  // namespace chan::detail
