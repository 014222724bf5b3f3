// States that differ only in the names of fresh unknowns, or in the numbers
// of frames that have since returned, are the same state.  Without this a
// loop that havocs a value or calls a function on every iteration never
// comes back to a state the search has seen, and the search does not end.
#include "Interp.h"

namespace chcheck::concurrency {

namespace {
constexpr std::int64_t kFirstFresh = std::int64_t(1) << 40; // below: a place's entry value
} // namespace

// Objects nothing refers to any more are dropped, and the rest numbered in
// the order memory reaches them: a loop that makes a closure or a channel
// on every iteration comes back to the same state.
static void collectObjects(MachineState &s) {
  std::vector<ObjRef> order;
  std::vector<ObjRef> renumbered(s.objects.size(), kNoObj);
  auto reach = [&](ObjRef o) {
    if (o == kNoObj || o >= s.objects.size() || renumbered[o] != kNoObj)
      return;
    renumbered[o] = static_cast<ObjRef>(order.size());
    order.push_back(o);
  };
  for (auto &[address, value] : s.memory)
    if (value.kind == Value::Kind::Object)
      reach(value.obj);
  for (const Goroutine &g : s.goroutines)
    reach(g.fires);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Object &o = s.objects[order[i]];
    reach(o.parent);
    reach(o.target);
    if (auto ch = s.channels.find(order[i]); ch != s.channels.end())
      for (const Value &v : ch->second.buffer)
        if (v.kind == Value::Kind::Object)
          reach(v.obj);
  }
  bool identity = order.size() == s.objects.size();
  for (std::size_t i = 0; identity && i < order.size(); ++i)
    identity = order[i] == i;
  if (identity)
    return;
  auto renumber = [&](ObjRef &o) {
    if (o != kNoObj && o < renumbered.size())
      o = renumbered[o];
  };
  auto renumberValue = [&](Value &v) {
    if (v.kind == Value::Kind::Object)
      renumber(v.obj);
  };
  std::vector<Object> objects;
  objects.reserve(order.size());
  for (ObjRef o : order) {
    objects.push_back(std::move(s.objects[o]));
    renumber(objects.back().parent);
    renumber(objects.back().target);
  }
  s.objects = std::move(objects);
  std::map<ObjRef, ChannelState> channels;
  for (auto &[o, ch] : s.channels)
    if (renumbered[o] != kNoObj) {
      for (Value &v : ch.buffer)
        renumberValue(v);
      channels.emplace(renumbered[o], std::move(ch));
    }
  s.channels = std::move(channels);
  for (auto &[address, value] : s.memory)
    renumberValue(value);
  for (Goroutine &g : s.goroutines)
    renumber(g.fires);
}

void Interp::canonicalize(MachineState &s) const {
  collectObjects(s);
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
