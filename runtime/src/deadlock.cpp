// The global deadlock detector's verdict (Go's checkdead), made sound for a
// process the runtime does not see whole.
//
// When `live` drops to 0 every goroutine the runtime knows is parked and no
// timer is pending.  In Go that is a deadlock.  In C++ other threads may
// exist (a std::thread, a pool, an I/O loop, a C library's callback thread)
// and any of them may still send on a channel.  So the verdict is certain
// only if /proc/self/task holds no thread the runtime has never seen: no
// thread that is not a goroutine, a goroutine that just ended, or one of the
// runtime's own service threads.  (A thread that used the runtime is a
// goroutine: it was adopted at its first use and counts as running while
// it lives.)  Otherwise the monitor thread keeps watching: it reports the
// deadlock once those threads are gone, and prints a warning once the same
// stall has lasted a second.  CHAN_DEADLOCK=abort restores Go's closed
// world: every such stall is fatal at once.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "config.hpp"
#include "monitor.hpp"
#include "report.hpp"
#include "sched.hpp"

namespace chan::detail {

namespace {

constexpr std::int64_t warn_after_ms = 1000;

struct handler_slot {
  std::mutex m;
  DeadlockHandler handler;
};
handler_slot& slot() {
  static handler_slot* s = new handler_slot;  // leaked: used during exit
  return *s;
}

DeadlockHandler current_handler() {
  std::lock_guard lk(slot().m);
  return slot().handler;
}

// The report of a deadlock detected by this thread, waiting for the caller
// to release its locks before the handler runs.
thread_local std::vector<BlockedGoroutine> pending_report;

// Threads of this process the runtime has never seen.  Prunes the retired
// goroutine threads that are gone.
std::vector<pid_t> unknown_threads() {
  std::vector<pid_t> present;
  if (DIR* d = ::opendir("/proc/self/task")) {
    while (const dirent* e = ::readdir(d)) {
      const long tid = std::strtol(e->d_name, nullptr, 10);
      if (tid > 0) present.push_back(static_cast<pid_t>(tid));
    }
    ::closedir(d);
  } else {
    return {};  // no /proc: the closed world is all we can assume
  }
  const pid_t self = current_tid();
  registry& r = reg();
  std::lock_guard lk(r.m);
  std::erase_if(r.retired, [&](pid_t t) { return std::find(present.begin(), present.end(), t) == present.end(); });
  std::vector<pid_t> unknown;
  for (pid_t t : present) {
    if (t == self) continue;
    const bool known = std::find(r.retired.begin(), r.retired.end(), t) != r.retired.end() ||
                       std::find(r.service.begin(), r.service.end(), t) != r.service.end() ||
                       std::any_of(r.all.begin(), r.all.end(), [t](const G* g) { return g->tid == t; });
    if (!known) unknown.push_back(t);
  }
  return unknown;
}

// Certain: no unknown thread exists, and nothing ran while we looked (a
// goroutine woken by a thread that has since ended would have parked again
// and moved the park count).
bool certain(std::uint64_t parks_before) {
  if (config().deadlock_abort) return true;
  if (!unknown_threads().empty()) return false;
  return running_goroutines() == 0 && pending_timers() == 0 && park_count() == parks_before;
}

std::string thread_name(pid_t tid) {
  std::string name;
  const int fd = ::open(("/proc/self/task/" + std::to_string(tid) + "/comm").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return name;
  char buf[64];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n > 0) name.assign(buf, static_cast<std::size_t>(n));
  while (!name.empty() && name.back() == '\n') name.pop_back();
  return name;
}

void warn(const std::vector<goroutine_info>& all, const std::vector<pid_t>& unknown) {
  std::string s = "chan: warning: every goroutine is blocked, but " + std::to_string(unknown.size()) +
                  " thread(s) the runtime has never seen may still wake one; waiting "
                  "(CHAN_DEADLOCK=abort makes this fatal)\n";
  s += "chan: threads unknown to the runtime:";
  for (pid_t t : unknown) {
    s += ' ';
    s += std::to_string(t) + ' ' + quoted(thread_name(t));
  }
  s += "\n";
  const std::int64_t now = coarse_now_ms();
  for (const goroutine_info& g : all)
    if (g.blocked) {
      s += '\n';
      s += goroutine_block(g, reason_name(g.reason), now, false);
    }
  std::fflush(stdout);
  std::fputs(s.c_str(), stderr);
  std::fflush(stderr);
}

// Identifies a stall for the warning's once-only rule: who waits where.
std::string stall_signature(const std::vector<goroutine_info>& all) {
  std::string sig;
  for (const goroutine_info& g : all)
    if (g.blocked)
      sig += std::to_string(g.id) + reason_name(g.reason) + g.where.file_name() + ":" + std::to_string(g.where.line()) + ";";
  return sig;
}

}  // namespace

bool on_live_zero() {
  const std::uint64_t parks = park_count();
  std::vector<goroutine_info> all = collect_goroutines();
  if (std::none_of(all.begin(), all.end(), [](const auto& g) { return g.blocked; }))
    return false;  // nobody waits: nothing is stuck
  if (!certain(parks)) {
    notify_stall();
    return false;
  }
  if (!current_handler()) die_of_deadlock(all);
  pending_report = blocked_of(all);
  return true;
}

void on_live_zero_outside() {
  if (on_live_zero()) {
    std::vector<BlockedGoroutine> report = std::move(pending_report);
    pending_report.clear();
    if (DeadlockHandler h = current_handler()) h(report);
  }
}

bool watch_stall() {
  // Only the monitor thread calls this.  Leaked, like every object the
  // runtime's threads use, so that exit does not destroy it under them.
  struct watch {
    std::uint64_t watched_parks = ~0ull;
    std::int64_t since_ms = 0;
    std::string warned;  // the last stall warned about
  };
  static watch& w = *new watch;
  auto& [watched_parks, since_ms, warned] = w;
  if (running_goroutines() != 0 || pending_timers() != 0) return false;
  const std::uint64_t parks = park_count();
  if (parks != watched_parks) {
    watched_parks = parks;
    since_ms = coarse_now_ms();
  }
  std::vector<goroutine_info> all = collect_goroutines();
  if (std::none_of(all.begin(), all.end(), [](const auto& g) { return g.blocked; })) return false;
  const std::vector<pid_t> unknown = unknown_threads();
  if (unknown.empty()) {
    if (certain(parks)) {
      on_live_zero_outside();
      return false;
    }
    return true;  // it moved while we looked; look again
  }
  if (coarse_now_ms() - since_ms >= warn_after_ms) {
    std::string sig = stall_signature(all);
    if (sig != warned) {
      warn(all, unknown);
      warned = std::move(sig);
    }
  }
  return true;
}

void deadlock_detected(const std::source_location& where) {
  std::vector<BlockedGoroutine> report = std::move(pending_report);
  pending_report.clear();
  if (DeadlockHandler h = current_handler()) {
    h(report);
  } else {
    // The handler was removed meanwhile: Go's report after all.
    std::vector<goroutine_info> all = collect_goroutines();
    die_of_deadlock(all);
  }
  throw deadlock_error(where);
}

}  // namespace chan::detail

namespace chan {

void set_deadlock_handler(DeadlockHandler handler) {
  auto& s = detail::slot();
  std::lock_guard lk(s.m);
  s.handler = std::move(handler);
}

}  // namespace chan
