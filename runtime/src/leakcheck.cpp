// The exit-time leak check, goleak's VerifyNone at the end of main: every
// goroutine started by go() should have returned.  Goroutines still running
// get up to a second to finish; blocked ones that nothing running could wake
// are reported at once.
#include "leakcheck.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "config.hpp"
#include "report.hpp"
#include "sched.hpp"

namespace chan::detail {

namespace {

constexpr auto grace = std::chrono::seconds(1);

// "src/pool.cpp" matches "/home/me/proj/src/pool.cpp" but not "mypool.cpp".
bool path_ends_with(std::string_view path, std::string_view suffix) {
  if (!path.ends_with(suffix)) return false;
  return path.size() == suffix.size() || path[path.size() - suffix.size() - 1] == '/';
}

bool ignored(const goroutine_info& g) {
  for (const leak_ignore& site : config().leakcheck_ignore)
    if (path_ends_with(g.created_at.file_name(), site.file) && (site.line == 0 || site.line == g.created_at.line()))
      return true;
  return false;
}

// The goroutines started by go() still alive, minus the ignored ones.
std::vector<goroutine_info> leaked(std::uint64_t self) {
  std::vector<goroutine_info> out;
  for (goroutine_info& g : collect_goroutines())
    if (g.kind == g_kind::go && g.id != self && !ignored(g)) out.push_back(std::move(g));
  return out;
}

// True when no leaked goroutine can still end by itself: all are blocked,
// and nothing but the exiting thread runs that could wake one (no other
// goroutine, no timer).
bool settled(const std::vector<goroutine_info>& remaining) {
  if (!std::all_of(remaining.begin(), remaining.end(), [](const auto& g) { return g.blocked; })) return false;
  const std::int64_t self_running = tls_g ? 1 : 0;
  return running_goroutines() <= self_running && pending_timers() == 0;
}

}  // namespace

void leak_check_at_exit() {
  const std::uint64_t self = tls_g ? tls_g->id : 0;
  const auto deadline = std::chrono::steady_clock::now() + grace;
  std::vector<goroutine_info> remaining = leaked(self);
  while (!remaining.empty() && !settled(remaining) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    remaining = leaked(self);
  }
  if (remaining.empty()) return;
  std::string s = "chan: leak check failed: " + std::to_string(remaining.size()) +
                  " goroutine(s) still alive at exit\n";
  for (const goroutine_info& g : remaining) {
    s += "chan: leaked goroutine " + std::to_string(g.id);
    if (!g.name.empty()) {
      s += ' ';
      s += quoted(g.name);
    }
    if (g.blocked) {
      s += std::string(" [") + reason_name(g.reason) + "] at " + g.where.file_name() + ":" +
           std::to_string(g.where.line()) + " (" + g.object + ")";
    } else {
      s += " [" + os_state(g.tid) + "]";
    }
    s += ", created at " + std::string(g.created_at.file_name()) + ":" + std::to_string(g.created_at.line()) + "\n";
  }
  s += "chan: (CHAN_LEAKCHECK_IGNORE=file[:line],... skips goroutines created at those sites)\n";
  print_and_exit(s, 1);
}

}  // namespace chan::detail
