// Goroutine records and their registry, starting goroutines (go), adopting
// other threads at their first use of the runtime, parking, and the global
// counters the deadlock detector reads (deadlock.cpp decides).
#include "sched.hpp"

#include <cxxabi.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <exception>
#include <memory>
#include <string>
#include <system_error>
#include <thread>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#endif

#include "chan/errors.hpp"
#include "chan/go.hpp"
#include "config.hpp"
#include "leakcheck.hpp"
#include "monitor.hpp"
#include "report.hpp"

#if defined(__SANITIZE_THREAD__)
#define CHAN_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CHAN_UNDER_TSAN 1
#endif
#endif

namespace chan::detail {

thread_local G* tls_g = nullptr;

namespace {

constexpr std::int64_t timer_unit = std::int64_t{1} << 32;

// On one cache line: a park touches both.
struct alignas(64) counters {
  // Running goroutines + pending timers * 2^32 (see sched.hpp).
  std::atomic<std::int64_t> live{0};
  std::atomic<std::uint64_t> parks{0};
};
counters state;

G* alloc_g(g_kind kind) {  // with reg().m held
  registry& r = reg();
  G* g;
  if (!r.spare.empty()) {
    g = r.spare.back();
    r.spare.pop_back();
  } else {
    g = new G;
  }
  g->id = kind == g_kind::main ? 1 : r.next_id++;
  g->kind = kind;
  g->tid = 0;
  g->name.clear();
  g->created_at = {};
  g->created_by = 0;
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
  if (g->tid) r.retired.push_back(g->tid);
  r.spare.push_back(g);
}

void goroutine_exit(G* g) {
  tls_g = nullptr;
  free_g(g);
  if (state.live.fetch_sub(1, std::memory_order_acq_rel) == 1) on_live_zero_outside();
}

// A thread that was not started by go() but used the runtime: it stops
// counting as running when it ends.  The main thread never does, because a
// returning main ends the process (leaked goroutines are not a deadlock).
struct adopted_thread_guard {
  G* g = nullptr;
  ~adopted_thread_guard() {
    if (g && tls_g == g) goroutine_exit(g);
  }
};
thread_local adopted_thread_guard adopted_guard;

// Go's runtime names OS threads after nothing; here `top -H`, gdb and perf
// show the goroutine's name (the kernel keeps 15 bytes), or go-<id>.
void name_thread(const G* g) {
  std::string name = g->name.empty() ? "go-" + std::to_string(g->id) : g->name;
  if (name.size() > 15) name.resize(15);
  ::pthread_setname_np(::pthread_self(), name.c_str());
}

struct start_args {
  G* g;
  std::unique_ptr<task> t;
};

void* goroutine_main(void* p) {
  std::unique_ptr<start_args> args(static_cast<start_args*>(p));
  G* g = args->g;
  tls_g = g;
  {
    std::lock_guard lk(reg().m);
    g->tid = current_tid();
  }
  name_thread(g);
  // Ends the goroutine however the thread ends, pthread_exit included; the
  // task (declared after it) is destroyed first, as its captures may still
  // use the runtime.
  struct exit_guard {
    G* g;
    ~exit_guard() { goroutine_exit(g); }
  } guard{g};
  std::unique_ptr<task> t = std::move(args->t);
  args.reset();
  try {
    t->run();
  } catch (const deadlock_error&) {
    // A deadlock handler already saw the report; this goroutine just ends.
  } catch (const abi::__forced_unwind&) {
    throw;  // pthread_exit or cancellation: let the thread unwind
  } catch (...) {
    die_of_exception(std::current_exception());
  }
  return nullptr;
}

// ---- process-level hooks ------------------------------------------------

std::terminate_handler previous_terminate = nullptr;

// An exception uncaught in main (or anywhere outside a goroutine's body)
// ends the process with Go's panic report instead of an abort.
[[noreturn]] void terminate_with_panic_report() {
  if (std::exception_ptr ep = std::current_exception()) die_of_exception(ep);
  if (previous_terminate) previous_terminate();
  std::abort();
}

#if defined(CHAN_UNDER_TSAN)
// ThreadSanitizer starts a background thread of its own at the first
// pthread_create.  Start it now, while no goroutine exists, and count every
// thread but main as the runtime's own, so it is never taken for a thread
// that could wake a goroutine.
void note_sanitizer_threads() {
  std::thread([] {}).join();
  if (DIR* d = ::opendir("/proc/self/task")) {
    registry& r = reg();
    std::lock_guard lk(r.m);
    while (const dirent* e = ::readdir(d)) {
      const long tid = std::strtol(e->d_name, nullptr, 10);
      if (tid > 0 && tid != ::getpid()) r.service.push_back(static_cast<pid_t>(tid));
    }
    ::closedir(d);
  }
}
#endif

struct process_hooks {
  process_hooks() {
    config();  // a malformed CHAN_* setting ends the process here, before main
    previous_terminate = std::set_terminate(terminate_with_panic_report);
    if (config().leakcheck) std::atexit(leak_check_at_exit);
#if defined(CHAN_UNDER_TSAN)
    note_sanitizer_threads();
#endif
  }
} const install_process_hooks;

// ---- parking ------------------------------------------------------------

void futex_wait(std::atomic<std::uint32_t>* word, std::uint32_t expected) noexcept {
#if defined(__linux__) && defined(CHAN_UNDER_TSAN)
  // ThreadSanitizer holds an asynchronous signal that arrives on a thread
  // until that thread enters one of its interceptors, and a raw futex call is
  // not one: a goroutine parked for good (main, blocked on a channel) would
  // hold a SIGQUIT forever and the dump would never come.  Wake every 50 ms
  // and pass through nanosleep, a blocking interceptor, so it is delivered.
  // The caller's loop takes the early return as a spurious wake-up.
  const timespec slice{0, 50'000'000};
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected, &slice,
          nullptr, 0);
  const timespec none{0, 0};
  ::nanosleep(&none, nullptr);
#elif defined(__linux__)
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

bool futex_wait_for(std::atomic<std::uint32_t>* word, std::uint32_t expected,
                    std::int64_t timeout_ns) noexcept {
#if defined(__linux__)
  const timespec timeout{static_cast<time_t>(timeout_ns / 1'000'000'000),
                         static_cast<long>(timeout_ns % 1'000'000'000)};
  const long r = syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected,
                         &timeout, nullptr, 0);
  return !(r == -1 && errno == ETIMEDOUT);
#else
  (void)word, (void)expected, (void)timeout_ns;  // no timed wait: do not sleep
  return false;
#endif
}

void futex_wake_one(std::atomic<std::uint32_t>* word) noexcept { futex_wake(word); }

void futex_wake_all(std::atomic<std::uint32_t>* word) noexcept {
#if defined(__linux__)
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE_PRIVATE, INT32_MAX, nullptr, nullptr,
          0);
#else
  word->notify_all();
#endif
}

registry& reg() {
  static registry* r = new registry;  // leaked on purpose (see sched.hpp)
  return *r;
}

pid_t current_tid() noexcept {
#if defined(__linux__)
  return static_cast<pid_t>(::syscall(SYS_gettid));
#else
  return ::getpid();
#endif
}

std::int64_t coarse_now_ms() noexcept {
  timespec ts{};
#if defined(CLOCK_MONOTONIC_COARSE)
  ::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
#else
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
  return static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

G* register_current_thread() {
  if (tls_g) return tls_g;
  const pid_t tid = current_tid();
  const bool is_main = tid == ::getpid();
  G* g;
  {
    std::lock_guard lk(reg().m);
    g = alloc_g(is_main ? g_kind::main : g_kind::adopted);
    g->tid = tid;
  }
  state.live.fetch_add(1, std::memory_order_acq_rel);
  tls_g = g;
  if (!is_main) adopted_guard.g = g;
  start_monitor();
  return g;
}

void spawn(std::unique_ptr<task> t, std::string_view name, const std::source_location& where) {
  G* parent = current_g();
  G* g;
  {
    std::lock_guard lk(reg().m);
    g = alloc_g(g_kind::go);
    g->name = name;
    g->created_at = where;
    g->created_by = parent->id;
  }
  state.live.fetch_add(1, std::memory_order_acq_rel);  // counted before it exists
  auto args = std::make_unique<start_args>(start_args{g, std::move(t)});
  pthread_attr_t attr;
  ::pthread_attr_init(&attr);
  ::pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int err = ::pthread_attr_setstacksize(&attr, config().stack_size);
  pthread_t thread;
  if (err == 0) err = ::pthread_create(&thread, &attr, goroutine_main, args.get());
  ::pthread_attr_destroy(&attr);
  if (err != 0) {
    free_g(g);
    state.live.fetch_sub(1, std::memory_order_acq_rel);  // the caller still runs: never the last
    std::size_t alive;
    {
      std::lock_guard lk(reg().m);
      alive = reg().all.size();
    }
    throw std::system_error(err, std::generic_category(),
                            "chan::go: cannot start a goroutine's thread (" + std::to_string(alive) +
                                " goroutines alive, " + std::to_string(config().stack_size >> 10) +
                                " KiB stacks; see CHAN_STACK_SIZE)");
  }
  args.release();  // the thread owns it now
}

bool block_prepare(G* g, wait_reason reason, const void* object, const std::source_location& where,
                   const scase* cases, std::size_t ncases) {
  const std::int64_t now = coarse_now_ms();
  {
    std::lock_guard il(g->info_lock);
    g->blocked = true;
    g->reason = reason;
    g->object = object;
    g->cases = cases;
    g->ncases = ncases;
    g->where = where;
    g->blocked_since_ms = now;
  }
  state.parks.fetch_add(1, std::memory_order_acq_rel);
  if (state.live.fetch_sub(1, std::memory_order_acq_rel) == 1) return on_live_zero();
  return false;
}

void unblock_self(G* g) {
  {
    std::lock_guard il(g->info_lock);
    g->blocked = false;
  }
  state.live.fetch_add(1, std::memory_order_acq_rel);
}

void ready(G* g, sudog* sg) {
  g->param = sg;
  {
    std::lock_guard il(g->info_lock);
    g->blocked = false;
  }
  state.live.fetch_add(1, std::memory_order_acq_rel);
}

void unpark(G* g) noexcept {
  if (g->wake.exchange(1, std::memory_order_release) == 2) futex_wake(&g->wake);
}

bool worth_spinning() noexcept {
  static const std::int64_t cpus = std::max(1u, std::thread::hardware_concurrency());
  return cpus > 1 && running_goroutines() <= cpus;
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

void timer_added() noexcept { state.live.fetch_add(timer_unit, std::memory_order_acq_rel); }

void timer_finished() {
  if (state.live.fetch_sub(timer_unit, std::memory_order_acq_rel) == timer_unit) on_live_zero_outside();
}

std::int64_t running_goroutines() noexcept {
  return state.live.load(std::memory_order_acquire) & (timer_unit - 1);
}
std::int64_t pending_timers() noexcept { return state.live.load(std::memory_order_acquire) >> 32; }
std::uint64_t park_count() noexcept { return state.parks.load(std::memory_order_acquire); }

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

std::uint64_t goroutine_id() { return detail::current_g()->id; }

}  // namespace chan
