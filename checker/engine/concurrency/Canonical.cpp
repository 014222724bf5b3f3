// State identity: the hash the search's index uses, and canonical forms.
// States that differ only in the names of fresh unknowns, or in the numbers
// of frames and allocations, are the same state.  Without this a loop that
// havocs a value or calls a function on every iteration never comes back to
// a state the search has seen, and the search does not end.
#include "Interp.h"

#include <algorithm>
#include <tuple>

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
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Object &o = s.objects[order[i]];
    reach(o.parent);
    reach(o.target);
    if (auto ch = s.channels.find(order[i]); ch != s.channels.end())
      for (const Value &v : ch->second.buffer)
        if (v.kind == Value::Kind::Object)
          reach(v.obj);
  }
  // A timer (or a go(cancel)) whose channel or context nothing reaches any
  // more fires unseen: it is as good as done.  A finished goroutine keeps
  // nothing but its slot, which a new one may take (Interp::freeSlot).
  for (Goroutine &g : s.goroutines) {
    if (g.status == Goroutine::Status::Running && g.timer &&
        (g.fires == kNoObj || g.fires >= s.objects.size() || renumbered[g.fires] == kNoObj))
      g.status = Goroutine::Status::Done;
    if (g.status == Goroutine::Status::Done && !(g == Goroutine{.status = Goroutine::Status::Done}))
      g = Goroutine{.status = Goroutine::Status::Done};
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

// Frames and allocations are numbered in the order the state reaches them
// (goroutines' stacks, closures, channel buffers, then memory through the
// addresses it holds): two goroutines that call and return in turn do not
// push the numbers ever higher, and a state reached by two interleavings
// has one numbering.
static void renumberInstances(MachineState &s, AddressTable &A) {
  std::map<std::uint32_t, std::uint32_t> renamed; // old -> new
  std::uint32_t next = 1;
  auto number = [&](std::uint32_t instance) {
    if (instance != 0 && renamed.try_emplace(instance, next).second)
      ++next;
  };
  auto numberAddr = [&](AddrId a) {
    if (a != ~0u)
      number(A.get(a).instance);
  };
  auto numberValue = [&](const Value &v) {
    if (v.kind == Value::Kind::Address || v.kind == Value::Kind::Message)
      numberAddr(static_cast<AddrId>(v.num));
  };
  for (const Goroutine &g : s.goroutines) {
    numberAddr(g.condWaiting);
    for (const Frame &f : g.stack) {
      number(f.instance);
      for (auto &[site, instance] : f.heap)
        number(instance);
      for (auto &[root, a] : f.aliases)
        numberAddr(a);
      numberAddr(f.result);
    }
  }
  for (const Object &o : s.objects)
    for (auto &[index, a] : o.captures)
      numberAddr(a);
  for (auto &[o, ch] : s.channels)
    for (const Value &v : ch.buffer)
      numberValue(v);
  // Memory reached through the addresses held at numbered places, in the
  // order of the places' new numbers.
  for (std::size_t before = 0; before != renamed.size();) {
    before = renamed.size();
    std::vector<std::pair<std::uint32_t, AddrId>> reached;
    for (auto &[a, v] : s.memory)
      if (auto it = renamed.find(A.get(a).instance); it != renamed.end())
        reached.emplace_back(it->second, a);
    std::sort(reached.begin(), reached.end(), [&](const auto &x, const auto &y) {
      if (x.first != y.first)
        return x.first < y.first;
      const Address &ax = A.get(x.second), &ay = A.get(y.second);
      return std::tie(ax.root, ax.steps) < std::tie(ay.root, ay.steps);
    });
    for (auto &[instance, a] : reached)
      numberValue(s.memory.at(a));
  }
  // Memory of an instance nothing reaches any more (a returned frame's
  // locals, an allocation no pointer holds) can never be read again: it is
  // dropped, or a loop that calls a function or runs a lambda on every
  // iteration would never come back to a state the search has seen.
  for (auto it = s.memory.begin(); it != s.memory.end();) {
    std::uint32_t instance = A.get(it->first).instance;
    it = instance != 0 && !renamed.count(instance) ? s.memory.erase(it) : std::next(it);
  }
  for (auto &[a, lock] : s.locks)
    numberAddr(a);
  for (auto &[a, group] : s.groups)
    numberAddr(a);
  // Instances named only by unknowns (a returned frame's entry values) are
  // numbered as they are met below.
  auto addr = [&](AddrId a) {
    if (a == ~0u)
      return a;
    std::uint32_t instance = A.get(a).instance;
    if (instance == 0)
      return a;
    number(instance);
    return A.rebase(a, renamed.at(instance));
  };
  // A never-written place's value is named after its address (Interp::read).
  auto value = [&](Value v) {
    if (v.kind == Value::Kind::Address || v.kind == Value::Kind::Message)
      v.num = addr(static_cast<AddrId>(v.num));
    else if (v.kind == Value::Kind::Unknown && v.num > 0 && v.num < kFirstFresh)
      v.num = std::int64_t(addr(static_cast<AddrId>(v.num - 1))) + 1;
    return v;
  };
  for (Goroutine &g : s.goroutines) {
    g.condWaiting = addr(g.condWaiting);
    for (Frame &f : g.stack) {
      f.instance = renamed.at(f.instance);
      for (auto &[site, instance] : f.heap)
        instance = renamed.at(instance);
      for (auto &[root, a] : f.aliases)
        a = addr(a);
      f.result = addr(f.result);
    }
  }
  for (Object &o : s.objects)
    for (auto &[index, a] : o.captures)
      a = addr(a);
  for (auto &[o, ch] : s.channels)
    for (Value &v : ch.buffer)
      v = value(v);
  // Most steps leave the numbering as it was: the memory is then rewritten
  // in place rather than rebuilt.
  std::vector<AddrId> keys;
  keys.reserve(s.memory.size());
  bool moved = false;
  for (auto &[a, v] : s.memory) {
    keys.push_back(addr(a));
    moved |= keys.back() != a;
    v = value(v);
  }
  if (moved) {
    std::map<AddrId, Value> memory;
    std::size_t k = 0;
    for (auto &[a, v] : s.memory)
      memory.emplace(keys[k++], v);
    s.memory = std::move(memory);
  }
  std::map<AddrId, LockState> locks;
  for (auto &[a, lock] : s.locks)
    locks.emplace(addr(a), std::move(lock));
  s.locks = std::move(locks);
  std::map<AddrId, GroupState> groups;
  for (auto &[a, group] : s.groups)
    groups.emplace(addr(a), std::move(group));
  s.groups = std::move(groups);
  std::map<std::int64_t, Value> symbols;
  for (auto &[symbol, v] : s.symbols)
    symbols.emplace(symbol < kFirstFresh ? value(Value{Value::Kind::Unknown, kNoObj, symbol}).num : symbol, value(v));
  s.symbols = std::move(symbols);
  s.nextInstance = next;
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

  renumberInstances(s, A);
}


// Every field that operator== compares: states that differ only in a field
// left out here would all land in one bucket.
std::size_t hashState(const MachineState &s) {
  std::size_t h = 1469598103934665603ull;
  auto mix = [&](std::size_t v) { h = (h ^ v) * 1099511628211ull; };
  auto mixValue = [&](const Value &v) {
    mix(static_cast<std::size_t>(v.kind));
    mix(static_cast<std::size_t>(v.num));
    mix(v.obj);
  };
  for (const Goroutine &g : s.goroutines) {
    mix(static_cast<std::size_t>(g.status));
    mix(g.stack.size());
    mix(g.condWaiting);
    mix(g.condSignalled);
    mix(g.fires);
    for (const Frame &f : g.stack) {
      mix(f.node);
      mix(f.event);
      mix(f.instance);
      mix(f.result);
      for (auto &[root, a] : f.aliases)
        mix(a);
      for (auto &[site, instance] : f.heap)
        mix(instance);
    }
  }
  for (auto &[a, v] : s.memory) {
    mix(a);
    mixValue(v);
  }
  for (const Object &o : s.objects) {
    mix(static_cast<std::size_t>(o.kind));
    mix(reinterpret_cast<std::size_t>(o.site));
    mix(o.target);
    mix(o.parent);
    mix(o.goroutine);
    mix(o.captures.size());
  }
  for (auto &[o, c] : s.channels) {
    mix(o);
    for (const Value &v : c.buffer)
      mixValue(v);
    mix(c.closed);
    mix(c.closedBy);
    mix(c.closedAt.getRawEncoding());
    mix(c.escaped);
  }
  for (auto &[a, l] : s.locks) {
    mix(a);
    mix(l.owner);
    for (std::uint32_t r : l.readers)
      mix(r);
    mix(l.writerWaiting);
    mix(l.lockedAt.getRawEncoding());
    mix(l.escaped);
  }
  for (auto &[a, w] : s.groups) {
    mix(a);
    mix(static_cast<std::size_t>(w.counter));
    mix(w.escaped);
  }
  for (auto &[symbol, v] : s.symbols) {
    mix(static_cast<std::size_t>(symbol));
    mixValue(v);
  }
  mix(s.nextInstance);
  mix(static_cast<std::size_t>(s.nextSymbol));
  mix(s.guessed);
  return h;
}

} // namespace chcheck::concurrency
