// chan::dump_goroutines, chan::snapshot_json, chan::num_goroutines and
// chan::blocked_goroutines.  Nothing here makes the calling thread known to
// the runtime.
#include "chan/diagnostics.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string_view>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "chan/sync.hpp"
#include "objects.hpp"
#include "report.hpp"
#include "sched.hpp"

namespace chan::detail {

namespace {

std::string state_of(const goroutine_info& g) { return g.blocked ? reason_name(g.reason) : os_state(g.tid); }

const char* kind_name(g_kind k) {
  switch (k) {
    case g_kind::main: return "main";
    case g_kind::go: return "go";
    case g_kind::adopted: return "adopted";
  }
  return "";
}

// A minimal JSON writer: objects, arrays, strings, numbers, booleans, null;
// commas placed as values are added.
class json {
 public:
  json& begin_object() { return open('{'); }
  json& end_object() { return close('}'); }
  json& begin_array() { return open('['); }
  json& end_array() { return close(']'); }
  json& key(const char* k) {
    comma();
    string_literal(k);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  json& value(const std::string& s) {
    comma();
    string_literal(s);
    return *this;
  }
  json& value(const char* s) { return value(std::string(s)); }
  json& value(std::uint64_t n) { return raw(std::to_string(n)); }
  json& value(std::int64_t n) { return raw(std::to_string(n)); }
  json& value(int n) { return raw(std::to_string(n)); }
  json& value(bool b) { return raw(b ? "true" : "false"); }
  json& null() { return raw("null"); }
  json& name_or_null(const std::string& s) { return s.empty() ? null() : value(s); }
  json& site(const std::source_location& where) {
    key("file").value(where.file_name());
    key("line").value(static_cast<std::uint64_t>(where.line()));
    return key("function").value(where.function_name());
  }
  std::string take() { return std::move(out_); }

 private:
  json& open(char c) {
    comma();
    out_ += c;
    first_ = true;
    return *this;
  }
  json& close(char c) {
    out_ += c;
    first_ = false;
    return *this;
  }
  json& raw(const std::string& s) {
    comma();
    out_ += s;
    return *this;
  }
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_ += ',';
    first_ = false;
  }
  void string_literal(const std::string& s) {
    out_ += '"';
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += static_cast<char>(c);
      } else if (c < 0x20) {
        char b[8];
        std::snprintf(b, sizeof b, "\\u%04x", c);
        out_ += b;
      } else {
        out_ += static_cast<char>(c);
      }
    }
    out_ += '"';
  }

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

// Who is queued on what, by object address.
class wait_index {
 public:
  explicit wait_index(const std::vector<goroutine_info>& all) {
    for (const goroutine_info& g : all)
      for (const waited_object& w : g.waits_on) entries_.push_back({w.address, w.role, g.id});
    std::sort(entries_.begin(), entries_.end(), [](const entry& a, const entry& b) {
      return std::less<const void*>()(a.address, b.address) || (a.address == b.address && a.id < b.id);
    });
  }
  // The goroutines queued on `object` in `role` (any role if null), each once.
  std::vector<std::uint64_t> ids(const void* object, const char* role) const {
    std::vector<std::uint64_t> out;
    auto it = std::lower_bound(entries_.begin(), entries_.end(), object, [](const entry& e, const void* a) {
      return std::less<const void*>()(e.address, a);
    });
    for (; it != entries_.end() && it->address == object; ++it)
      if ((!role || std::string_view(it->role) == role) && (out.empty() || out.back() != it->id)) out.push_back(it->id);
    return out;
  }

 private:
  struct entry {
    const void* address;
    const char* role;
    std::uint64_t id;
  };
  std::vector<entry> entries_;
};

json& ids(json& j, const std::vector<std::uint64_t>& v) {
  j.begin_array();
  for (std::uint64_t id : v) j.value(id);
  return j.end_array();
}

std::size_t queue_length(const waitq& q) {
  std::size_t n = 0;
  for (const sudog* s = q.first; s; s = s->next) ++n;
  return n;
}

// Takes an object's lock without waiting on it (see for_each_live_object).
bool try_lock_for_a_while(spin_mutex& m) {
  for (int i = 0; i < 10000; ++i) {
    if (m.try_lock()) return true;
    cpu_relax();
  }
  return false;
}

}  // namespace

// Reads the private state of sync objects (a friend of each).
struct sync_inspector {
  static void channel(json& j, const hchan_base& c, const wait_index& waits) {
    j.begin_object();
    j.key("address").value(address(&c));
    j.key("name").name_or_null(c.name);
    j.key("elem_type").value(demangle(*c.ops->type));
    j.key("cap").value(static_cast<std::uint64_t>(c.dataqsiz));
    spin_mutex& lock = const_cast<spin_mutex&>(c.lock);
    if (try_lock_for_a_while(lock)) {
      j.key("len").value(static_cast<std::uint64_t>(c.count()));
      j.key("closed").value(c.closed);
      j.key("queued_senders").value(static_cast<std::uint64_t>(queue_length(c.sendq)));
      j.key("queued_receivers").value(static_cast<std::uint64_t>(queue_length(c.recvq)));
      lock.unlock();
    } else {
      j.key("len").value(static_cast<std::uint64_t>(c.count()));
      j.key("busy").value(true);  // its lock stayed taken; the rest is unknown
    }
    j.key("blocked_senders");
    ids(j, waits.ids(&c, "send"));
    j.key("blocked_receivers");
    ids(j, waits.ids(&c, "receive"));
    j.end_object();
  }

  // Writes the object if it is held or waited on; idle ones say nothing.
  static void mutex(json& j, const Mutex& m, const wait_index& waits) {
    auto waiters = waits.ids(&m, nullptr);
    spin_mutex& lock = const_cast<spin_mutex&>(m.lock_);
    if (!try_lock_for_a_while(lock)) return;
    const bool locked = m.locked_;
    const std::uint64_t owner = m.owner_;
    lock.unlock();
    if (!locked && waiters.empty()) return;
    j.begin_object();
    j.key("address").value(address(&m));
    j.key("kind").value("sync.Mutex");
    j.key("locked").value(locked);
    j.key("owner");
    if (locked && owner) j.value(owner); else j.null();
    j.key("waiters");
    ids(j, waiters);
    j.end_object();
  }

  static void rwmutex(json& j, const RWMutex& m, const wait_index& waits) {
    auto writers = waits.ids(&m, "lock");
    auto readers = waits.ids(&m, "rlock");
    spin_mutex& lock = const_cast<spin_mutex&>(m.lock_);
    if (!try_lock_for_a_while(lock)) return;
    const bool writer = m.writer_;
    const std::uint64_t owner = m.writer_owner_;
    const std::int64_t holders = m.readers_;
    lock.unlock();
    if (!writer && holders == 0 && writers.empty() && readers.empty()) return;
    j.begin_object();
    j.key("address").value(address(&m));
    j.key("kind").value("sync.RWMutex");
    j.key("locked").value(writer || holders > 0);
    j.key("owner");
    if (writer && owner) j.value(owner); else j.null();
    j.key("readers").value(holders);
    j.key("waiters");
    ids(j, writers);
    j.key("read_waiters");
    ids(j, readers);
    j.end_object();
  }

  static void waitgroup(json& j, const WaitGroup& wg, const wait_index& waits) {
    auto waiters = waits.ids(&wg, nullptr);
    spin_mutex& lock = const_cast<spin_mutex&>(wg.lock_);
    if (!try_lock_for_a_while(lock)) return;
    const std::int64_t counter = wg.counter_;
    lock.unlock();
    if (counter == 0 && waiters.empty()) return;
    j.begin_object();
    j.key("address").value(address(&wg));
    j.key("counter").value(counter);
    j.key("waiters");
    ids(j, waiters);
    j.end_object();
  }

  static void cond(json& j, const Cond& c, const wait_index& waits) {
    auto waiters = waits.ids(&c, nullptr);
    if (waiters.empty()) return;
    j.begin_object();
    j.key("address").value(address(&c));
    j.key("locker").value(address(c.l_));
    j.key("locker_side").value(c.side_ == Cond::side::read ? "read" : "write");
    j.key("waiters");
    ids(j, waiters);
    j.end_object();
  }
};

namespace {

void goroutine_json(json& j, const goroutine_info& g, std::int64_t now_ms) {
  j.begin_object();
  j.key("id").value(g.id);
  j.key("name").name_or_null(g.name);
  j.key("kind").value(kind_name(g.kind));
  j.key("os_thread").value(static_cast<std::int64_t>(g.tid));
  j.key("state").value(state_of(g));
  j.key("blocked").value(g.blocked);
  j.key("wait");
  if (g.blocked) {
    j.begin_object();
    j.key("object").value(g.object);
    j.key("objects").begin_array();
    for (const waited_object& w : g.waits_on) {
      j.begin_object();
      j.key("address").value(address(w.address));
      j.key("role").value(w.role);
      j.end_object();
    }
    j.end_array();
    j.key("waiting_ms").value(now_ms - g.blocked_since_ms);
    j.site(g.where);
    j.end_object();
  } else {
    j.null();
  }
  j.key("created_by");
  if (g.kind == g_kind::go) {
    j.begin_object();
    j.key("goroutine").value(g.created_by);
    j.site(g.created_at);
    j.end_object();
  } else {
    j.null();
  }
  j.end_object();
}

}  // namespace
}  // namespace chan::detail

namespace chan {

void dump_goroutines(std::ostream& out) {
  const auto all = detail::collect_goroutines();
  const std::int64_t now = detail::coarse_now_ms();
  bool first = true;
  for (const auto& g : all) {
    if (!first) out << "\n";
    first = false;
    out << detail::goroutine_block(g, detail::state_of(g), now, true);
  }
  out.flush();
}

std::string snapshot_json() {
  using namespace detail;
  const auto all = collect_goroutines();
  const std::int64_t now = coarse_now_ms();
  json j;
  j.begin_object();
  j.key("pid").value(static_cast<std::int64_t>(::getpid()));
  j.key("time_unix_ms").value(static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                            std::chrono::system_clock::now().time_since_epoch())
                                                            .count()));
  j.key("num_goroutines").value(static_cast<std::uint64_t>(all.size()));
  j.key("goroutines").begin_array();
  for (const auto& g : all) goroutine_json(j, g, now);
  j.end_array();

  json channels, mutexes, waitgroups, conds;
  channels.begin_array();
  mutexes.begin_array();
  waitgroups.begin_array();
  conds.begin_array();
  const wait_index waits(all);
  for_each_live_object([&](const live_object& o) {
    switch (o.kind) {
      case object_kind::channel: sync_inspector::channel(channels, *static_cast<const hchan_base*>(o.owner), waits); break;
      case object_kind::mutex: sync_inspector::mutex(mutexes, *static_cast<const Mutex*>(o.owner), waits); break;
      case object_kind::rwmutex: sync_inspector::rwmutex(mutexes, *static_cast<const RWMutex*>(o.owner), waits); break;
      case object_kind::waitgroup:
        sync_inspector::waitgroup(waitgroups, *static_cast<const WaitGroup*>(o.owner), waits);
        break;
      case object_kind::cond: sync_inspector::cond(conds, *static_cast<const Cond*>(o.owner), waits); break;
    }
  });
  std::string out = j.take();
  out += ",\"channels\":" + channels.end_array().take();
  out += ",\"mutexes\":" + mutexes.end_array().take();
  out += ",\"waitgroups\":" + waitgroups.end_array().take();
  out += ",\"conds\":" + conds.end_array().take();
  return out + "}";
}

std::size_t num_goroutines() {
  auto& r = detail::reg();
  std::lock_guard lk(r.m);
  return r.all.size();
}

std::vector<BlockedGoroutine> blocked_goroutines() { return detail::blocked_of(detail::collect_goroutines()); }

}  // namespace chan
