// States that differ only in the names of fresh unknowns, or in the numbers
// of frames that have since returned, are the same state.  Without this a
// loop that havocs a value or calls a function on every iteration never
// comes back to a state the search has seen, and the search does not end.
#include "Interp.h"

namespace chcheck::concurrency {

namespace {
constexpr std::int64_t kFirstFresh = std::int64_t(1) << 40; // below: a place's entry value
} // namespace

void Interp::canonicalize(MachineState &s) const {
  // A decided fresh unknown is replaced by its value wherever it was copied.
  std::map<std::int64_t, std::int64_t> renamed;
  std::int64_t next = kFirstFresh;
  auto rewrite = [&](Value &v) {
    if (v.kind != Value::Kind::Unknown || v.num < kFirstFresh)
      return;
    if (auto decided = s.symbols.find(v.num); decided != s.symbols.end()) {
      v = decided->second;
      return;
    }
    auto [it, added] = renamed.try_emplace(v.num, next);
    if (added)
      ++next;
    v.num = it->second;
  };
  for (auto &[address, value] : s.memory)
    rewrite(value);
  for (auto &[object, channel] : s.channels)
    for (Value &v : channel.buffer)
      rewrite(v);
  for (auto it = s.symbols.begin(); it != s.symbols.end();)
    it = it->first >= kFirstFresh ? s.symbols.erase(it) : std::next(it);
  s.nextSymbol = next;

  // Frame and allocation numbers are reused once nothing refers to them.
  std::uint32_t highest = 0;
  auto see = [&](AddrId a) {
    if (a != ~0u)
      highest = std::max(highest, A.get(a).instance);
  };
  for (const Goroutine &g : s.goroutines) {
    see(g.condWaiting);
    for (const Frame &f : g.stack) {
      highest = std::max(highest, f.instance);
      for (auto &[site, instance] : f.heap)
        highest = std::max(highest, instance);
      for (auto &[root, a] : f.aliases)
        see(a);
      see(f.result);
    }
  }
  for (auto &[a, v] : s.memory) {
    see(a);
    if (v.kind == Value::Kind::Address)
      see(static_cast<AddrId>(v.num));
  }
  for (auto &[a, lock] : s.locks)
    see(a);
  for (auto &[a, group] : s.groups)
    see(a);
  for (const Object &o : s.objects)
    for (auto &[index, a] : o.captures)
      see(a);
  s.nextInstance = highest + 1;
}

} // namespace chcheck::concurrency
