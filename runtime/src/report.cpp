// Goroutine records copied for reports, and the text of every report: the
// deadlock report, goroutine blocks (dump, leak check, warnings), panics
// and fatal errors.
#include "report.hpp"

#include <cxxabi.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#if defined(__linux__)
#include <sys/syscall.h>
#endif

namespace chan::detail {

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

namespace {

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

// Called with g->info_lock held and g->blocked.
std::string describe_object(const G* g, std::vector<waited_object>& waits_on) {
  switch (g->reason) {
    case wait_reason::chan_send:
    case wait_reason::chan_receive:
      waits_on.push_back({g->object, g->reason == wait_reason::chan_send ? "send" : "receive"});
      return describe_chan(static_cast<const hchan_base*>(g->object));
    case wait_reason::chan_send_nil:
    case wait_reason::chan_receive_nil: return "nil chan";
    case wait_reason::select: {
      std::string s;
      for (std::size_t i = 0; i < g->ncases; ++i) {
        const scase& c = g->cases[i];
        if (c.kind == case_kind::default_) continue;
        const char* role = c.kind == case_kind::send ? "send" : "receive";
        if (c.c) waits_on.push_back({c.c, role});
        if (!s.empty()) s += ", ";
        s += std::string(role) + " " + describe_chan(c.c);
      }
      return s.empty() ? "no cases" : s;
    }
    case wait_reason::select_no_cases: return "no cases";
    case wait_reason::waitgroup_wait:
      waits_on.push_back({g->object, "wait"});
      return "sync.WaitGroup " + address(g->object);
    case wait_reason::mutex_lock:
      waits_on.push_back({g->object, "lock"});
      return "sync.Mutex " + address(g->object);
    case wait_reason::rwmutex_lock:
    case wait_reason::rwmutex_rlock:
      waits_on.push_back({g->object, g->reason == wait_reason::rwmutex_lock ? "lock" : "rlock"});
      return "sync.RWMutex " + address(g->object);
    case wait_reason::cond_wait:
      waits_on.push_back({g->object, "wait"});
      return "sync.Cond " + address(g->object);
    case wait_reason::none: break;
  }
  return "";
}

std::string site(const std::source_location& where) {
  return std::string(where.file_name()) + ":" + std::to_string(where.line());
}

std::string header(const goroutine_info& g, const std::string& state) {
  std::string s = "goroutine " + std::to_string(g.id);
  if (!g.name.empty()) {
    s += ' ';
    s += quoted(g.name);
  }
  return s + " [" + state + "]:\n";
}

// The goroutine running this code, for panics and fatal errors.
goroutine_info current_info() {
  goroutine_info info;
  info.id = 1;
  info.kind = g_kind::main;
  if (G* g = tls_g) {
    std::lock_guard lk(reg().m);
    info.id = g->id;
    info.kind = g->kind;
    info.name = g->name;
    info.created_at = g->created_at;
    info.created_by = g->created_by;
  }
  return info;
}

std::string created_line(const goroutine_info& g) {
  if (g.kind == g_kind::go)
    return "\tcreated by goroutine " + std::to_string(g.created_by) + " at " + site(g.created_at) + "\n";
  if (g.kind == g_kind::adopted) return "\tnot started by go(): a thread adopted at its first use of the runtime\n";
  return "";
}

[[noreturn]] void die_running(const std::string& first_line, const std::string& detail) {
  const goroutine_info g = current_info();
  print_and_exit(first_line + "\n\n" + header(g, "running") + detail + created_line(g), 2);
}

}  // namespace

std::string address(const void* p) {
  char b[32];
  std::snprintf(b, sizeof b, "%p", p);
  return b;
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

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string describe_chan(const hchan_base* c) {
  if (!c) return "nil chan";
  std::string s = "chan " + demangle(*c->ops->type) + " ";
  if (!c->name.empty()) s += quoted(c->name) + " ";
  return s + address(c);
}

std::vector<goroutine_info> collect_goroutines() {
  std::vector<goroutine_info> out;
  registry& r = reg();
  std::lock_guard lk(r.m);
  out.reserve(r.all.size());
  for (G* g : r.all) {
    goroutine_info info;
    info.id = g->id;
    info.kind = g->kind;
    info.tid = g->tid;
    info.name = g->name;
    info.created_at = g->created_at;
    info.created_by = g->created_by;
    {
      std::lock_guard il(g->info_lock);
      info.blocked = g->blocked;
      if (g->blocked) {
        info.reason = g->reason;
        info.object = describe_object(g, info.waits_on);
        info.where = g->where;
        info.blocked_since_ms = g->blocked_since_ms;
      }
    }
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

std::vector<BlockedGoroutine> blocked_of(const std::vector<goroutine_info>& all) {
  std::vector<BlockedGoroutine> out;
  for (const goroutine_info& g : all)
    if (g.blocked) out.push_back({g.id, reason_name(g.reason), g.object, g.where, g.name, g.created_at});
  return out;
}

std::string os_state(pid_t tid) {
#if defined(__linux__)
  auto read_file = [](const std::string& path) {
    std::string text;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return text;
    char buf[256];
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    if (n > 0) text.assign(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return text;
  };
  const std::string task = "/proc/self/task/" + std::to_string(tid);
  const std::string stat = read_file(task + "/stat");
  const std::size_t paren = stat.rfind(')');  // the name may hold spaces and parentheses
  if (paren == std::string::npos || paren + 2 >= stat.size() || stat[paren + 2] == 'R') return "running";
  const std::string call = read_file(task + "/syscall");
  if (call.empty() || call.starts_with("running")) return "running";
  const long number = std::strtol(call.c_str(), nullptr, 10);
#if defined(SYS_nanosleep)
  if (number == SYS_nanosleep) return "sleep";
#endif
#if defined(SYS_clock_nanosleep)
  if (number == SYS_clock_nanosleep) return "sleep";
#endif
  return "syscall";
#else
  (void)tid;
  return "running";
#endif
}

std::string goroutine_block(const goroutine_info& g, const std::string& state, std::int64_t now_ms,
                            bool with_os_thread) {
  std::string bracket = state;
  if (g.blocked) {
    const std::int64_t waited_s = (now_ms - g.blocked_since_ms) / 1000;
    if (waited_s >= 60) bracket += ", " + std::to_string(waited_s / 60) + " minutes";
    else if (waited_s >= 1) bracket += ", " + std::to_string(waited_s) + " seconds";
  }
  std::string s = header(g, bracket);
  if (g.blocked)
    s += std::string("\t") + reason_verb(g.reason) + " on " + g.object + " at " + site(g.where) + "\n";
  s += created_line(g);
  if (with_os_thread && g.tid) s += "\tOS thread " + std::to_string(g.tid) + "\n";
  return s;
}

void print_and_exit(const std::string& s, int status) {
  std::fflush(stdout);
  std::fputs(s.c_str(), stderr);
  std::fflush(stderr);
  std::_Exit(status);
}

void die_of_deadlock(const std::vector<goroutine_info>& all) {
  std::string s = "fatal error: all goroutines are asleep - deadlock!\n";
  const std::int64_t now = coarse_now_ms();
  for (const goroutine_info& g : all)
    if (g.blocked) {
      s += '\n';
      s += goroutine_block(g, reason_name(g.reason), now, false);
    }
  print_and_exit(s, 2);
}

void die_of_panic(const panic_error& e) {
  const std::string at = e.object().empty() ? site(e.where()) : e.object() + " at " + site(e.where());
  die_running(std::string("panic: ") + e.what(), "\t" + at + "\n");
}

void die_of_exception(std::exception_ptr ep) {
  try {
    std::rethrow_exception(ep);
  } catch (const panic_error& e) {
    die_of_panic(e);
  } catch (const std::exception& e) {
    die_running(std::string("panic: ") + e.what(),
                "\tuncaught exception of type " + demangle(typeid(e)) + "\n");
  } catch (...) {
    const std::type_info* t = abi::__cxa_current_exception_type();
    const std::string type = t ? demangle(*t) : "unknown";
    die_running("panic: uncaught exception of type " + type, "");
  }
}

void fatal(const char* message, const std::source_location& where, const std::string& object) {
  die_running(std::string("fatal error: ") + message, "\t" + object + " at " + site(where) + "\n");
}

}  // namespace chan::detail
