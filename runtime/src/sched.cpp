// Goroutine registry, parking, the global deadlock detector (Go's
// checkdead), the exit-time leak check, and panic reporting.
#include "sched.hpp"

#include <cxxabi.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#endif

#include "chan/checks.hpp"
#include "chan/errors.hpp"
#include "chan/go.hpp"

namespace chan::detail {

thread_local G* tls_g = nullptr;

namespace {

constexpr std::int64_t timer_unit = std::int64_t{1} << 32;

// Running goroutines + pending timers * 2^32 (see sched.hpp).
std::atomic<std::int64_t> live{0};

struct registry {
  std::mutex m;
  std::vector<G*> all;   // goroutines alive now
  std::vector<G*> spare; // records of ended goroutines, reused (never freed:
                         // a late unpark may still touch a record's word)
  std::uint64_t next_id = 2;  // 1 is the main thread
  std::mutex handler_m;
  DeadlockHandler handler;
};

// Leaked on purpose: detached goroutines may still use it while the process
// runs its static destructors.
registry& reg() {
  static registry* r = new registry;
  return *r;
}

const std::thread::id main_thread_id = std::this_thread::get_id();

G* alloc_g(bool main_thread) {
  registry& r = reg();
  std::lock_guard lk(r.m);
  G* g;
  if (!r.spare.empty()) {
    g = r.spare.back();
    r.spare.pop_back();
  } else {
    g = new G;
  }
  g->id = main_thread ? 1 : r.next_id++;
  g->is_main = main_thread;
  g->started_by_go = false;
  g->blocked = false;
  g->reason = wait_reason::none;
  g->param = nullptr;
  g->select_done.store(0, std::memory_order_relaxed);
  g->wake.store(0, std::memory_order_relaxed);
  g->spin_average = 0;
  r.all.push_back(g);
  return g;
}

void free_g(G* g) {
  registry& r = reg();
  std::lock_guard lk(r.m);
  r.all.erase(std::find(r.all.begin(), r.all.end(), g));
  r.spare.push_back(g);
}

// ---- reports -------------------------------------------------------------

const char* reason_name(wait_reason r) {
  switch (r) {
    case wait_reason::chan_send: return "chan send";
    case wait_reason::chan_receive: return "chan receive";
    case wait_reason::chan_send_nil: return "chan send (nil chan)";
    case wait_reason::chan_receive_nil: return "chan receive (nil chan)";
    case wait_reason::select: return "select";
    case wait_reason::select_no_cases: return "select (no cases)";
    case wait_reason::waitgroup_wait: return "sync.WaitGroup.Wait";
    case wait_reason::mutex_lock: return "sync.Mutex.Lock";
    case wait_reason::rwmutex_lock: return "sync.RWMutex.Lock";
    case wait_reason::rwmutex_rlock: return "sync.RWMutex.RLock";
    case wait_reason::cond_wait: return "sync.Cond.Wait";
    case wait_reason::none: break;
  }
  return "running";
}

const char* reason_verb(wait_reason r) {
  switch (r) {
    case wait_reason::chan_send:
    case wait_reason::chan_send_nil: return "send";
    case wait_reason::chan_receive:
    case wait_reason::chan_receive_nil: return "receive";
    case wait_reason::select:
    case wait_reason::select_no_cases: return "select";
    case wait_reason::waitgroup_wait:
    case wait_reason::cond_wait: return "wait";
    case wait_reason::mutex_lock:
    case wait_reason::rwmutex_lock: return "lock";
    case wait_reason::rwmutex_rlock: return "rlock";
    case wait_reason::none: break;
  }
  return "run";
}

std::string demangle(const std::type_info& t) {
  int status = 0;
  char* s = abi::__cxa_demangle(t.name(), nullptr, nullptr, &status);
  std::string out = status == 0 && s ? s : t.name();
  std::free(s);
  if (out == "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >")
    out = "std::string";
  return out;
}

std::string address(const void* p) {
  char b[32];
  std::snprintf(b, sizeof b, "%p", p);
  return b;
}

std::string describe_chan(const hchan_base* c) {
  if (!c) return "nil chan";
  return "chan " + demangle(*c->ops->type) + " " + address(c);
}

// Called with g->info_lock held and g->blocked.
std::string describe_object(const G* g) {
  switch (g->reason) {
    case wait_reason::chan_send:
    case wait_reason::chan_receive:
      return describe_chan(static_cast<const hchan_base*>(g->object));
    case wait_reason::chan_send_nil:
    case wait_reason::chan_receive_nil: return "nil chan";
    case wait_reason::select: {
      std::string s;
      for (std::size_t i = 0; i < g->ncases; ++i) {
        if (g->cases[i].kind == case_kind::default_) continue;
        if (!s.empty()) s += ", ";
        s += (g->cases[i].kind == case_kind::send ? "send " : "receive ");
        s += describe_chan(g->cases[i].c);
      }
      return s.empty() ? "no cases" : s;
    }
    case wait_reason::select_no_cases: return "no cases";
    case wait_reason::waitgroup_wait: return "sync.WaitGroup " + address(g->object);
    case wait_reason::mutex_lock: return "sync.Mutex " + address(g->object);
    case wait_reason::rwmutex_lock:
    case wait_reason::rwmutex_rlock: return "sync.RWMutex " + address(g->object);
    case wait_reason::cond_wait: return "sync.Cond " + address(g->object);
    case wait_reason::none: break;
  }
  return "";
}

std::vector<BlockedGoroutine> collect_blocked() {
  std::vector<BlockedGoroutine> out;
  registry& r = reg();
  std::lock_guard lk(r.m);
  for (G* g : r.all) {
    std::lock_guard il(g->info_lock);
    if (!g->blocked) continue;
    out.push_back({g->id, reason_name(g->reason), describe_object(g), g->where});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return out;
}

std::string verb_of(const std::string& operation) {
  for (int r = 1; r <= static_cast<int>(wait_reason::cond_wait); ++r)
    if (operation == reason_name(static_cast<wait_reason>(r)))
      return reason_verb(static_cast<wait_reason>(r));
  return operation;
}

void print_deadlock_and_exit(const std::vector<BlockedGoroutine>& blocked) {
  std::string s = "fatal error: all goroutines are asleep - deadlock!\n";
  for (const auto& b : blocked) {
    s += "\ngoroutine " + std::to_string(b.id) + " [" + b.operation + "]:\n\t" + verb_of(b.operation) +
         " on " + b.object + " at " + b.where.file_name() + ":" + std::to_string(b.where.line()) + "\n";
  }
  std::fflush(stdout);
  std::fputs(s.c_str(), stderr);
  std::fflush(stderr);
  std::_Exit(2);
}

DeadlockHandler current_handler() {
  registry& r = reg();
  std::lock_guard lk(r.handler_m);
  return r.handler;
}

// The report of a deadlock detected by this thread, waiting for the caller
// to release its locks before the handler runs.
thread_local std::vector<BlockedGoroutine> pending_report;

// live just dropped to 0.  Returns true if it is a deadlock to hand to the
// handler; without a handler, prints and exits.
bool on_live_zero() {
  std::vector<BlockedGoroutine> blocked = collect_blocked();
  if (blocked.empty()) return false;  // nobody waits: nothing is stuck
  if (!current_handler()) print_deadlock_and_exit(blocked);
  pending_report = std::move(blocked);
  return true;
}

// A deadlock found by a thread that is not itself blocking (a goroutine
// ending, a timer firing): report it, no exception to throw.
void on_live_zero_outside() {
  if (on_live_zero()) {
    std::vector<BlockedGoroutine> report = std::move(pending_report);
    pending_report.clear();
    if (DeadlockHandler h = current_handler()) h(report);
  }
}

// ---- thread lifetime -----------------------------------------------------

void goroutine_exit(G* g) {
  tls_g = nullptr;
  free_g(g);
  if (live.fetch_sub(1, std::memory_order_acq_rel) == 1) on_live_zero_outside();
}

// A thread that was not started by go() but used the runtime: it stops
// counting as running when it ends.  The main thread never does, because a
// returning main ends the process (leaked goroutines are not a deadlock).
struct foreign_thread_guard {
  G* g = nullptr;
  ~foreign_thread_guard() {
    if (g && !g->is_main && tls_g == g) goroutine_exit(g);
  }
};
thread_local foreign_thread_guard foreign_guard;

// ---- panics and process-level hooks --------------------------------------

[[noreturn]] void die_of_panic(const panic_error& e, std::uint64_t goroutine) {
  std::string s = std::string("panic: ") + e.what() + "\n\ngoroutine " + std::to_string(goroutine) +
                  " [running]:\n\t" + e.where().file_name() + ":" + std::to_string(e.where().line()) +
                  "\n";
  std::fflush(stdout);
  std::fputs(s.c_str(), stderr);
  std::fflush(stderr);
  std::_Exit(2);
}

std::terminate_handler previous_terminate = nullptr;

[[noreturn]] void terminate_with_panic_report() {
  if (std::exception_ptr ep = std::current_exception()) {
    try {
      std::rethrow_exception(ep);
    } catch (const panic_error& e) {
      die_of_panic(e, tls_g ? tls_g->id : 1);
    } catch (...) {
    }
  }
  if (previous_terminate) previous_terminate();
  std::abort();
}

void leak_check_at_exit() {
  // Goroutines that are just finishing get a short grace period.
  std::vector<BlockedGoroutine> blocked;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  for (;;) {
    blocked = collect_blocked();
    if (blocked.empty() || std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (blocked.empty()) return;
  std::string s = "chan: leak check failed: " + std::to_string(blocked.size()) +
                  " goroutine(s) still blocked at exit\n";
  for (const auto& b : blocked)
    s += "chan: leaked goroutine " + std::to_string(b.id) + " [" + b.operation + "] at " +
         b.where.file_name() + ":" + std::to_string(b.where.line()) + " (" + b.object + ")\n";
  std::fflush(stdout);
  std::fputs(s.c_str(), stderr);
  std::fflush(stderr);
  std::_Exit(1);
}

struct process_hooks {
  process_hooks() {
    previous_terminate = std::set_terminate(terminate_with_panic_report);
    const char* leak = std::getenv("CHAN_LEAKCHECK");
    if (leak && *leak && std::strcmp(leak, "0") != 0) std::atexit(leak_check_at_exit);
  }
} const install_process_hooks;

// ---- parking -------------------------------------------------------------

void futex_wait(std::atomic<std::uint32_t>* word, std::uint32_t expected) noexcept {
#if defined(__linux__)
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected, nullptr,
          nullptr, 0);
#else
  word->wait(expected, std::memory_order_acquire);
#endif
}

void futex_wake(std::atomic<std::uint32_t>* word) noexcept {
#if defined(__linux__)
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr,
          0);
#else
  word->notify_one();
#endif
}

}  // namespace

G* register_current_thread() {
  if (tls_g) return tls_g;
  const bool is_main = std::this_thread::get_id() == main_thread_id;
  G* g = alloc_g(is_main);
  live.fetch_add(1, std::memory_order_acq_rel);
  tls_g = g;
  foreign_guard.g = g;
  return g;
}

void spawn(std::unique_ptr<task> t) {
  ensure_known();
  G* g = alloc_g(false);
  g->started_by_go = true;
  live.fetch_add(1, std::memory_order_acq_rel);  // counted before it exists
  try {
    std::thread([g, t = std::move(t)]() mutable {
      tls_g = g;
      try {
        t->run();
      } catch (const panic_error& e) {
        die_of_panic(e, g->id);
      } catch (const deadlock_error&) {
        // A deadlock handler already saw the report; this goroutine just ends.
      }
      t.reset();  // the task's captures may still use the runtime
      goroutine_exit(g);
    }).detach();
  } catch (...) {
    free_g(g);
    live.fetch_sub(1, std::memory_order_acq_rel);
    throw;
  }
}

bool block_prepare(G* g, wait_reason reason, const void* object, const std::source_location& where,
                   const scase* cases, std::size_t ncases) {
  {
    std::lock_guard il(g->info_lock);
    g->blocked = true;
    g->reason = reason;
    g->object = object;
    g->cases = cases;
    g->ncases = ncases;
    g->where = where;
  }
  if (live.fetch_sub(1, std::memory_order_acq_rel) == 1) return on_live_zero();
  return false;
}

void unblock_self(G* g) {
  {
    std::lock_guard il(g->info_lock);
    g->blocked = false;
  }
  live.fetch_add(1, std::memory_order_acq_rel);
}

void deadlock_detected(const std::source_location& where) {
  std::vector<BlockedGoroutine> report = std::move(pending_report);
  pending_report.clear();
  if (DeadlockHandler h = current_handler()) h(report);
  else print_deadlock_and_exit(report);  // handler removed meanwhile
  throw deadlock_error(where);
}

void ready(G* g, sudog* sg) {
  g->param = sg;
  {
    std::lock_guard il(g->info_lock);
    g->blocked = false;
  }
  live.fetch_add(1, std::memory_order_acq_rel);
}

void unpark(G* g) noexcept {
  if (g->wake.exchange(1, std::memory_order_release) == 2) futex_wake(&g->wake);
}

bool worth_spinning() noexcept {
  static const std::int64_t cpus = std::max(1u, std::thread::hardware_concurrency());
  const std::int64_t running = live.load(std::memory_order_relaxed) & (timer_unit - 1);
  return cpus > 1 && running <= cpus;
}

void park(G* g) noexcept {
  // A partner running on another core usually answers within a few hundred
  // nanoseconds, far sooner than a futex round trip.
  if (wait_briefly(g, [g] { return g->wake.load(std::memory_order_acquire) == 1; })) {
    g->wake.store(0, std::memory_order_relaxed);
    return;
  }
  std::uint32_t idle = 0;
  if (g->wake.compare_exchange_strong(idle, 2, std::memory_order_acquire)) {
    while (g->wake.load(std::memory_order_acquire) != 1) futex_wait(&g->wake, 2);
  }
  g->wake.store(0, std::memory_order_relaxed);
}

void timer_added() noexcept { live.fetch_add(timer_unit, std::memory_order_acq_rel); }

void timer_finished() {
  if (live.fetch_sub(timer_unit, std::memory_order_acq_rel) == timer_unit) on_live_zero_outside();
}

void spin_mutex::lock_slow() noexcept {
  for (int i = 0; i < 100; ++i) {
    cpu_relax();
    std::uint32_t expected = 0;
    if (state_.load(std::memory_order_relaxed) == 0 &&
        state_.compare_exchange_weak(expected, 1, std::memory_order_acquire, std::memory_order_relaxed))
      return;
  }
  while (state_.exchange(2, std::memory_order_acquire) != 0) state_.wait(2, std::memory_order_relaxed);
}

}  // namespace chan::detail

namespace chan {

std::vector<BlockedGoroutine> blocked_goroutines() { return detail::collect_blocked(); }

void set_deadlock_handler(DeadlockHandler handler) {
  auto& r = detail::reg();
  std::lock_guard lk(r.handler_m);
  r.handler = std::move(handler);
}

std::uint64_t goroutine_id() { return detail::current_g()->id; }

}  // namespace chan
