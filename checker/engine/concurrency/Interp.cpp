// Memory, invisible events, calls and branches of the abstract machine.
#include "Interp.h"

#include <unordered_map>

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

#include <algorithm>

using namespace clang;

namespace chcheck::concurrency {

using ir::Event;
using ir::EventKind;
using ir::RootKind;
using ir::StepKind;

AddrId AddressTable::intern(const Address &a) {
  auto [it, inserted] = ids_.try_emplace(a, static_cast<AddrId>(addrs_.size()));
  if (inserted)
    addrs_.push_back(a);
  return it->second;
}

AddrId AddressTable::child(AddrId base, ir::Step s) {
  Address a = addrs_[base];
  a.steps.push_back(s);
  return intern(a);
}

AddrId AddressTable::rebase(AddrId a, std::uint32_t instance) {
  if (addrs_[a].instance == instance)
    return a;
  auto [it, inserted] = rebased_.try_emplace(std::uint64_t(a) << 32 | instance, 0);
  if (inserted) {
    Address x = addrs_[a];
    x.instance = instance;
    it->second = intern(x);
  }
  return it->second;
}

Interp::Interp(ir::Skeletons &skeletons, AddressTable &addresses)
    : S(skeletons), P(skeletons.places()), A(addresses) {}

// --- memory ----------------------------------------------------------------------

AddrId Interp::addressOfRoot(const MachineState &s, const Frame &f, const ir::Root &r) const {
  (void)s;
  if (auto it = f.aliases.find(r); it != f.aliases.end())
    return it->second;
  switch (r.kind) {
  case RootKind::Global:
    return A.intern({r, 0, {}});
  case RootKind::Heap: {
    auto it = f.heap.find(r.key);
    return A.intern({r, it == f.heap.end() ? 0u : it->second, {}});
  }
  default:
    return A.intern({r, f.instance, {}});
  }
}

// The address a place names in goroutine g's current frame; `known` is
// cleared when a pointer on the way holds nothing we can follow.
AddrId Interp::resolve(MachineState &s, std::uint32_t g, PlaceId place, bool *known) {
  return resolveIn(s, s.goroutines[g].stack.back(), place, known);
}

AddrId Interp::resolveIn(const MachineState &s, const Frame &f, PlaceId place, bool *known) const {
  const ir::Place &pl = P.get(place);
  AddrId a = addressOfRoot(s, f, pl.root);
  for (const ir::Step &step : pl.steps) {
    if (step.kind != StepKind::Deref) {
      a = A.child(a, step);
      continue;
    }
    Value v = read(s, a);
    if (v.kind == Value::Kind::Address) {
      a = static_cast<AddrId>(v.num);
      continue;
    }
    if (known)
      *known = false;
    // Through something we cannot follow: a private address of its own,
    // which no other code shares.
    a = A.child(a, step);
  }
  return a;
}

Value Interp::read(const MachineState &s, AddrId a) const {
  auto it = s.memory.find(a);
  // Never written: what it held when the search began, one unknown per place.
  Value v = it != s.memory.end() ? it->second : Value{Value::Kind::Unknown, kNoObj, std::int64_t(a) + 1};
  if (v.kind == Value::Kind::Unknown && v.num)
    if (auto fixed = s.symbols.find(v.num); fixed != s.symbols.end())
      return fixed->second;
  return v;
}

Value Interp::fresh(MachineState &s) { return Value{Value::Kind::Unknown, kNoObj, s.nextSymbol++}; }

void Interp::write(MachineState &s, AddrId a, Value v) { s.memory[a] = v; }

Value Interp::load(MachineState &s, std::uint32_t g, PlaceId place) {
  bool known = true;
  AddrId a = resolve(s, g, place, &known);
  if (!known) {
    Value v;
    v.kind = Value::Kind::Unknown;
    return v;
  }
  return read(s, a);
}

ObjRef Interp::newObject(MachineState &s, Object o) {
  if (s.objects.size() >= kMaxObjects) {
    overflow_ = true;
    return kNoObj;
  }
  s.objects.push_back(std::move(o));
  return static_cast<ObjRef>(s.objects.size() - 1);
}

void Interp::copyValue(MachineState &s, std::uint32_t g, PlaceId dst, PlaceId src, const Type *aggregate,
                       bool move) {
  static const std::vector<ir::TypeFacts::Part> single = {{{}, ir::ValueKind::Reference}};
  const auto &parts = aggregate ? S.types().parts(aggregate) : single;
  for (const auto &part : parts) {
    PlaceId d = P.rebase(dst, part.steps), sp = P.rebase(src, part.steps);
    Value v = load(s, g, sp);
    write(s, resolve(s, g, d), v);
    if (move && part.kind == ir::ValueKind::Reference) {
      Value null;
      null.kind = Value::Kind::Null;
      write(s, resolve(s, g, sp), null);
    }
    // A moved-from container is valid but of a size the standard leaves open.
    if (move && !part.steps.empty() && part.steps.back().kind == ir::StepKind::Size)
      write(s, resolve(s, g, sp), fresh(s));
  }
}

void Interp::escapeAddress(MachineState &s, AddrId a) {
  const Address &base = A.get(a);
  auto under = [&](AddrId x) {
    const Address &b = A.get(x);
    return b.root == base.root && b.instance == base.instance && b.steps.size() >= base.steps.size() &&
           std::equal(base.steps.begin(), base.steps.end(), b.steps.begin());
  };
  for (auto &[addr, lock] : s.locks)
    if (under(addr))
      lock.escaped = true;
  for (auto &[addr, group] : s.groups)
    if (under(addr))
      group.escaped = true;
  // Locks and groups not yet used there escape too: remember them.
  s.locks[a].escaped = true;
  s.groups[a].escaped = true;
  for (auto &[addr, v] : s.memory)
    if (under(addr) && v.kind == Value::Kind::Object && v.obj < s.objects.size() &&
        s.objects[v.obj].kind == Object::Kind::Channel)
      s.channels[v.obj].escaped = true;
}

void Interp::escape(MachineState &s, std::uint32_t g, PlaceId place, const Type *aggregate) {
  static const std::vector<ir::TypeFacts::Part> single = {{{}, ir::ValueKind::Reference}};
  const auto &parts = aggregate ? S.types().parts(aggregate) : single;
  escapeAddress(s, resolve(s, g, place));
  for (const auto &part : parts) {
    Value v = load(s, g, P.rebase(place, part.steps));
    if (v.kind == Value::Kind::Object && v.obj < s.objects.size() &&
        s.objects[v.obj].kind == Object::Kind::Channel)
      s.channels[v.obj].escaped = true;
    if (v.kind == Value::Kind::Address)
      escapeAddress(s, static_cast<AddrId>(v.num));
  }
}

std::optional<std::uint64_t> Interp::target(const MachineState &s, const Frame &f, const Event &e,
                                            PlaceId place) const {
  bool known = true;
  AddrId a = resolveIn(s, f, place, &known);
  if (!known)
    return std::nullopt;
  switch (e.kind) {
  case EventKind::Send:
  case EventKind::Recv:
  case EventKind::RecvOk:
  case EventKind::RangeNext:
  case EventKind::Close:
  case EventKind::Select: {
    Value v = read(s, a);
    if (v.kind == Value::Kind::Object)
      return (std::uint64_t(1) << 32) | v.obj;
    return std::nullopt; // a channel we do not know: it may be any
  }
  default:
    return (std::uint64_t(2) << 32) | a; // a lock, WaitGroup or Cond: its address
  }
}

bool Interp::escapedChannel(const MachineState &s, const Value &v) const {
  if (v.kind != Value::Kind::Object || v.obj >= s.objects.size() ||
      s.objects[v.obj].kind != Object::Kind::Channel)
    return true;
  auto it = s.channels.find(v.obj);
  return !s.objects[v.obj].capacity || (it != s.channels.end() && it->second.escaped);
}

// --- goroutines -----------------------------------------------------------------

MachineState Interp::initial(const FunctionDecl *root) {
  MachineState s;
  Goroutine main;
  main.body = root;
  Frame f;
  f.sk = S.get(root);
  f.instance = s.nextInstance++;
  main.stack.push_back(std::move(f));
  s.goroutines.push_back(std::move(main));
  std::vector<MachineState> out;
  advance(std::move(s), 0, out);
  return out.empty() ? MachineState{} : std::move(out.front());
}

const Event *Interp::nextEvent(const MachineState &s, std::uint32_t g) const {
  const Goroutine &gr = s.goroutines[g];
  if (gr.status != Goroutine::Status::Running || gr.stack.empty())
    return nullptr;
  const Frame &f = gr.stack.back();
  const ir::Node &n = f.sk->nodes[f.node];
  return f.event < n.events.size() ? &n.events[f.event] : nullptr;
}

bool Interp::invisible(const Event &e) const {
  if (e.summarised)
    return true; // lifecycle only: the unseen callee's effects are the events before
  switch (e.kind) {
  case EventKind::Send:
  case EventKind::Recv:
  case EventKind::RecvOk:
  case EventKind::RangeNext:
  case EventKind::Close:
  case EventKind::Select:
  case EventKind::Len:
  case EventKind::Go:
  case EventKind::Join:
  case EventKind::WgAdd:
  case EventKind::WgDone:
  case EventKind::WgWait:
  case EventKind::Lock:
  case EventKind::Unlock:
  case EventKind::TryLock:
  case EventKind::LockAll:
  case EventKind::CondWait:
  case EventKind::CondSignal:
  case EventKind::CondBroadcast:
    return false;
  default:
    return true;
  }
}

// Runs goroutine g until it stands before a visible event, finishes, or
// panics; branches it cannot decide fork the state.
void Interp::advance(MachineState s, std::uint32_t g, std::vector<MachineState> &out) {
  std::vector<MachineState> work;
  work.push_back(std::move(s));
  // Branches in invisible code fork the state; paths that come back
  // together (an if whose arms change nothing the machine keeps) are one.
  std::vector<MachineState> seen;
  std::unordered_map<std::size_t, std::vector<std::uint32_t>> seenIndex;
  auto already = [&](MachineState &st) {
    canonicalize(st);
    auto &bucket = seenIndex[hashState(st)];
    for (std::uint32_t i : bucket)
      if (seen[i] == st)
        return true;
    bucket.push_back(static_cast<std::uint32_t>(seen.size()));
    seen.push_back(st);
    return false;
  };
  unsigned guard = 0;
  while (!work.empty()) {
    MachineState cur = std::move(work.back());
    work.pop_back();
    if (already(cur))
      continue;
    bool merged = false;
    while (true) {
      if (++guard > kMaxInvisibleSteps || ++work_ > kMaxWork || seen.size() > kMaxInvisiblePaths || overflow_) {
        overflow_ = true;
        return;
      }
      Goroutine &gr = cur.goroutines[g];
      if (gr.status != Goroutine::Status::Running)
        break;
      if (gr.stack.empty()) {
        gr.status = Goroutine::Status::Done;
        break;
      }
      Frame &f = gr.stack.back();
      const ir::Node &n = f.sk->nodes[f.node];
      if (f.event < n.events.size()) {
        const Event &e = n.events[f.event];
        if (!invisible(e))
          break;
        ++f.event;
        execute(cur, g, e, work);
        continue;
      }
      if (f.node == f.sk->exit) {
        returnFrom(cur, g);
        continue;
      }
      if (n.succs.empty()) { // thrown out of, or a select that never returns
        if (n.throws) {
          gr.status = Goroutine::Status::Done;
          gr.stack.clear();
        } else {
          break; // `select {}`: blocked for good (nextEvent is null, status Running)
        }
        break;
      }
      std::size_t forks = work.size();
      chooseSuccessor(cur, g, work);
      if (work.size() != forks && already(cur)) {
        merged = true;
        break;
      }
    }
    if (!merged)
      out.push_back(std::move(cur));
  }
}

void Interp::chooseSuccessor(MachineState &s, std::uint32_t g, std::vector<MachineState> &forks) {
  Frame &f = s.goroutines[g].stack.back();
  const ir::Node &n = f.sk->nodes[f.node];
  auto go = [&](MachineState &st, std::uint32_t succ) {
    Frame &fr = st.goroutines[g].stack.back();
    fr.node = succ;
    fr.event = 0;
  };
  const ir::Condition &c = n.cond;
  if (n.succs.size() == 1) {
    go(s, n.succs[0]);
    return;
  }
  // Fixes an unknown in one successor's state.
  auto fix = [&](MachineState &st, PlaceId place, Value decided) {
    bool known = true;
    AddrId a = resolve(st, g, place, &known);
    Value old = known ? read(st, a) : Value{};
    if (old.kind == Value::Kind::Unknown && old.num)
      st.symbols[old.num] = decided;
    if (known)
      st.memory[a] = decided;
  };
  if (n.succs.size() == 2 && c.kind != ir::Condition::Kind::Opaque) {
    Value v = load(s, g, c.place);
    switch (c.kind) {
    case ir::Condition::Kind::Bool:
      if (v.kind == Value::Kind::Bool)
        return go(s, n.succs[v.num ? 0 : 1]);
      if (v.kind == Value::Kind::Unknown || v.kind == Value::Kind::Unset) {
        s.guessed = true;
        MachineState other = s;
        fix(other, c.place, Value{Value::Kind::Bool, kNoObj, 0});
        go(other, n.succs[1]);
        forks.push_back(std::move(other));
        fix(s, c.place, Value{Value::Kind::Bool, kNoObj, 1});
        return go(s, n.succs[0]);
      }
      break;
    case ir::Condition::Kind::NotNull:
      if (v.kind == Value::Kind::Null || v.kind == Value::Kind::Unset)
        return go(s, n.succs[1]);
      if (v.kind == Value::Kind::Object || v.kind == Value::Kind::Address)
        return go(s, n.succs[0]);
      break;
    case ir::Condition::Kind::IntLess:
    case ir::Condition::Kind::IntEq: {
      bool less = c.kind == ir::Condition::Kind::IntLess;
      Value w = c.other != ir::kNoPlace ? load(s, g, c.other) : Value{Value::Kind::Int, kNoObj, c.value};
      if (v.kind == Value::Kind::Int && w.kind == Value::Kind::Int)
        return go(s, n.succs[(less ? v.num < w.num : v.num == w.num) ? 0 : 1]);
      // One side unknown: a few values for it, each fixed from here on.
      bool leftUnknown = v.kind != Value::Kind::Int && w.kind == Value::Kind::Int;
      bool rightUnknown = w.kind != Value::Kind::Int && v.kind == Value::Kind::Int && c.other != ir::kNoPlace;
      if (!leftUnknown && !rightUnknown)
        break;
      std::int64_t k = leftUnknown ? w.num : v.num;
      s.guessed = true;
      std::vector<std::pair<std::int64_t, bool>> choices; // (value of the unknown, branch taken)
      if (!less)
        choices = {{k, true}, {k + 1, false}};
      else if (leftUnknown) // x < k
        choices = {{k - 1, true}, {k, false}};
      else                  // k < x
        choices = {{k + 1, true}, {k + 2, true}, {k, false}};
      for (std::size_t i = 1; i < choices.size(); ++i) {
        MachineState other = s;
        fix(other, leftUnknown ? c.place : c.other, Value{Value::Kind::Int, kNoObj, choices[i].first});
        go(other, n.succs[choices[i].second ? 0 : 1]);
        forks.push_back(std::move(other));
      }
      fix(s, leftUnknown ? c.place : c.other, Value{Value::Kind::Int, kNoObj, choices[0].first});
      return go(s, n.succs[choices[0].second ? 0 : 1]);
    }
    case ir::Condition::Kind::Opaque:
      break;
    }
  }
  // Undecided: every successor.
  s.guessed = true;
  for (std::size_t i = 1; i < n.succs.size(); ++i) {
    MachineState other = s;
    go(other, n.succs[i]);
    forks.push_back(std::move(other));
  }
  go(s, n.succs[0]);
}

void Interp::returnFrom(MachineState &s, std::uint32_t g) {
  Goroutine &gr = s.goroutines[g];
  Frame done = std::move(gr.stack.back());
  gr.stack.pop_back();
  if (!gr.stack.empty() && done.result != ~0u) {
    AddrId ret = A.intern({{RootKind::Return, done.sk->function, 0}, done.instance, {}});
    static const std::vector<ir::TypeFacts::Part> single = {{{}, ir::ValueKind::Reference}};
    bool aggregate = done.resultType && S.types().kind(QualType(done.resultType, 0)) == ir::ValueKind::Aggregate;
    const auto &parts = aggregate ? S.types().parts(done.resultType) : single;
    for (const auto &part : parts) {
      AddrId from = ret, to = done.result;
      for (const ir::Step &st : part.steps) {
        from = A.child(from, st);
        to = A.child(to, st);
      }
      s.memory[to] = read(s, from);
    }
  }
  // The frame's own places die with it; but the search's root returning
  // ends the program, and the goroutines it leaves are judged against its
  // objects as they were (in Go they live on).
  if (g == 0 && gr.stack.empty()) {
    gr.status = Goroutine::Status::Done;
    return;
  }
  for (auto it = s.memory.begin(); it != s.memory.end();)
    it = A.get(it->first).instance == done.instance ? s.memory.erase(it) : std::next(it);
  for (auto it = s.locks.begin(); it != s.locks.end();)
    it = A.get(it->first).instance == done.instance ? s.locks.erase(it) : std::next(it);
  for (auto it = s.groups.begin(); it != s.groups.end();)
    it = A.get(it->first).instance == done.instance ? s.groups.erase(it) : std::next(it);
  if (gr.stack.empty())
    gr.status = Goroutine::Status::Done;
}

void Interp::execute(MachineState &s, std::uint32_t g, const Event &e, std::vector<MachineState> &forks) {
  auto set = [&](PlaceId p, Value v) {
    bool known = true;
    AddrId a = resolve(s, g, p, &known);
    if (known)
      s.memory[a] = v;
  };
  auto unknown = [&] { return fresh(s); };
  switch (e.kind) {
  case EventKind::Copy:
    return copyValue(s, g, e.dst, e.src, e.valueType, false);
  case EventKind::Move:
    return copyValue(s, g, e.dst, e.src, e.valueType, true);
  case EventKind::AddrOf: {
    bool known = true;
    AddrId a = resolve(s, g, e.src, &known);
    return set(e.dst, known ? Value{Value::Kind::Address, kNoObj, a} : unknown());
  }
  case EventKind::SetNull: {
    if (e.weak) {
      Value old = load(s, g, e.dst);
      if (old.kind != Value::Kind::Null && old.kind != Value::Kind::Unknown)
        return set(e.dst, unknown());
    }
    return set(e.dst, Value{Value::Kind::Null, kNoObj, 0});
  }
  case EventKind::Alloc: {
    Frame &f = s.goroutines[g].stack.back();
    std::uint32_t instance = s.nextInstance++;
    f.heap[e.site] = instance;
    AddrId a = A.intern({{RootKind::Heap, e.site, 0}, instance, {}});
    return set(e.dst, Value{Value::Kind::Address, kNoObj, a});
  }
  case EventKind::MakeChan:
  case EventKind::After:
  case EventKind::MakeContext: {
    Object o;
    o.kind = Object::Kind::Channel;
    o.site = e.site;
    o.loc = e.loc;
    o.capacity = e.kind == EventKind::MakeChan ? e.capacity : std::optional<std::uint64_t>(e.kind == EventKind::After ? 1 : 0);
    o.context = e.kind == EventKind::MakeContext;
    if (e.kind == EventKind::MakeContext && e.src != ir::kNoPlace) {
      Value parent = load(s, g, e.src);
      if (parent.kind == Value::Kind::Object)
        o.parent = parent.obj;
    }
    ObjRef ch = newObject(s, o);
    if (ch == kNoObj)
      return;
    s.channels[ch] = {};
    if (e.weak && load(s, g, e.dst).kind != Value::Kind::Unset && load(s, g, e.dst).kind != Value::Kind::Null)
      set(e.dst, unknown());
    else
      set(e.dst, Value{Value::Kind::Object, ch, 0});
    if (e.kind == EventKind::MakeContext && e.result != ir::kNoPlace) {
      Object c;
      c.kind = Object::Kind::Canceller;
      c.target = ch;
      ObjRef cancel = newObject(s, c);
      if (cancel != kNoObj)
        set(e.result, Value{Value::Kind::Object, cancel, 0});
    }
    if (e.kind == EventKind::After || (e.kind == EventKind::MakeContext && e.timer)) {
      // A timer: a goroutine of its own that fires at any moment.
      Goroutine t;
      t.timer = true;
      t.spawnLoc = e.loc;
      t.spawnedBy = g + 1;
      t.fires = ch;
      place(s, std::move(t));
    }
    return;
  }
  case EventKind::MakeClosure: {
    Object o;
    o.kind = Object::Kind::Closure;
    o.site = e.site;
    o.callees = e.callees;
    Frame &f = s.goroutines[g].stack.back();
    std::uint32_t instance = s.nextInstance++;
    for (const ir::Binding &b : e.args) {
      if (b.byReference) {
        bool known = true;
        AddrId a = resolve(s, g, b.place, &known);
        if (known)
          o.captures.emplace_back(b.param, a);
        continue;
      }
      // A by-copy capture: this closure's own copy of the value prepared for it,
      // with its parts (an aggregate's fields, a container's size).
      AddrId scratch = resolve(s, g, b.place);
      Address slot = A.get(scratch);
      slot.instance = instance;
      AddrId mine = A.intern(slot);
      s.memory[mine] = read(s, scratch);
      std::vector<std::pair<AddrId, Value>> parts;
      const std::uint32_t from = A.get(scratch).instance;
      for (const auto &[addr, v] : s.memory) {
        const Address &x = A.get(addr); // (not used past a rebase: that may grow the table)
        if (addr != scratch && x.root == slot.root && x.instance == from &&
            x.steps.size() > slot.steps.size() &&
            std::equal(slot.steps.begin(), slot.steps.end(), x.steps.begin()))
          parts.emplace_back(A.rebase(addr, instance), v);
      }
      for (auto &[addr, v] : parts)
        s.memory[addr] = v;
      o.captures.emplace_back(b.param, mine);
    }
    f.heap[e.site] = instance;
    ObjRef c = newObject(s, std::move(o));
    if (c != kNoObj)
      set(e.dst, Value{Value::Kind::Object, c, 0});
    return;
  }
  case EventKind::Havoc: {
    static const std::vector<ir::TypeFacts::Part> single = {{{}, ir::ValueKind::Reference}};
    const auto &parts = e.valueType ? S.types().parts(e.valueType) : single;
    for (const auto &part : parts)
      set(P.rebase(e.dst, part.steps), unknown());
    return;
  }
  case EventKind::SetInt:
  case EventKind::SetBool: {
    Value v;
    if (e.src != ir::kNoPlace)
      v = load(s, g, e.src);
    else if (e.known && !e.weak)
      v = Value{e.kind == EventKind::SetBool ? Value::Kind::Bool : Value::Kind::Int, kNoObj,
                e.kind == EventKind::SetBool ? (e.value != 0) : e.value};
    else
      v = unknown();
    return set(e.dst, v);
  }
  case EventKind::Size: {
    Value v = e.src != ir::kNoPlace ? load(s, g, e.src) : Value{};
    if (v.kind == Value::Kind::Int)
      return set(e.dst, v);
    set(e.dst, unknown());
    // A range-for over a container of unknown size: its test is opaque, as it
    // was before sizes were followed (a counter would make every iteration a
    // new state).
    if (e.result != ir::kNoPlace)
      set(e.result, unknown());
    return;
  }
  case EventKind::AddInt: {
    // A container's size changed on a path that guessed is a guess (a loop
    // on a condition we do not know that pushes an element each time would
    // count without end): it becomes unknown, as it was before sizes were
    // followed.
    if (s.guessed && !P.get(e.dst).steps.empty() && P.get(e.dst).steps.back().kind == ir::StepKind::Size)
      return set(e.dst, unknown());
    Value v = load(s, g, e.dst);
    if (v.kind == Value::Kind::Int)
      v.num += e.value;
    return set(e.dst, v);
  }
  case EventKind::CompareExchange: {
    Value cur = load(s, g, e.src), expected = load(s, g, e.places[0]);
    if (cur.kind == Value::Kind::Bool && expected.kind == Value::Kind::Bool) {
      bool ok = cur.num == expected.num;
      if (ok)
        set(e.src, e.known ? Value{Value::Kind::Bool, kNoObj, e.value != 0} : unknown());
      else
        set(e.places[0], cur);
      return set(e.dst, Value{Value::Kind::Bool, kNoObj, ok});
    }
    set(e.src, unknown());
    return set(e.dst, unknown());
  }
  case EventKind::Call:
    if (e.summarised)
      return; // lifecycle only: the unseen callee's effects are the events before
    return call(s, g, e, forks);
  case EventKind::Escape:
    return escape(s, g, e.src, e.valueType);
  case EventKind::Cancel:
  default:
    return;
  }
}

Value Interp::zero(ir::ValueKind k) const {
  switch (k) {
  case ir::ValueKind::Int: return Value{Value::Kind::Int, kNoObj, 0};
  case ir::ValueKind::Bool: return Value{Value::Kind::Bool, kNoObj, 0};
  case ir::ValueKind::Reference: return Value{Value::Kind::Null, kNoObj, 0};
  default: return Value{Value::Kind::Unknown, kNoObj, 0};
  }
}

// --- calls ----------------------------------------------------------------------

std::vector<std::pair<const FunctionDecl *, ObjRef>> Interp::targets(MachineState &s, std::uint32_t g,
                                                                     const Event &e) {
  std::vector<std::pair<const FunctionDecl *, ObjRef>> out;
  if (e.callable != ir::kNoPlace) {
    Value v = load(s, g, e.callable);
    if (v.kind == Value::Kind::Object && v.obj < s.objects.size()) {
      const Object &o = s.objects[v.obj];
      if (o.kind == Object::Kind::Canceller) {
        out.emplace_back(nullptr, v.obj);
        return out;
      }
      if (o.kind == Object::Kind::Closure)
        for (const FunctionDecl *fd : o.callees)
          out.emplace_back(fd, v.obj);
    }
    return out;
  }
  PlaceId self = ir::kNoPlace;
  for (const ir::Binding &b : e.args)
    if (b.param == ir::Binding::kThisParam)
      self = b.place;
  for (const FunctionDecl *fd : e.callees) {
    ObjRef closure = kNoObj;
    const auto *m = dyn_cast<CXXMethodDecl>(fd);
    if (m && m->getParent()->isLambda() && self != ir::kNoPlace) {
      Value v = load(s, g, self);
      if (v.kind == Value::Kind::Object)
        closure = v.obj;
    }
    out.emplace_back(fd, closure);
  }
  return out;
}

bool Interp::enter(MachineState &s, std::uint32_t g, const Event &e, const FunctionDecl *fn, ObjRef closure,
                   Frame &out, std::uint32_t callerGoroutine) {
  const ir::Skeleton *sk = S.get(fn);
  if (!sk)
    return false;
  out.sk = sk;
  out.instance = s.nextInstance++;
  out.callLoc = e.loc;
  const auto *method = dyn_cast<CXXMethodDecl>(fn);
  bool lambda = method && method->getParent()->isLambda();
  for (const ir::Binding &b : e.args) {
    bool known = true;
    AddrId from = resolve(s, callerGoroutine, b.place, &known);
    if (b.param == ir::Binding::kThisParam) {
      if (!lambda && known)
        out.aliases[{RootKind::This, fn, 0}] = from;
      continue;
    }
    if (b.param >= fn->getNumParams())
      continue;
    ir::Root param{RootKind::Param, fn, b.param};
    if (b.byReference) {
      if (known)
        out.aliases[param] = from;
      continue;
    }
    QualType pt = fn->getParamDecl(b.param)->getType();
    AddrId to = A.intern({param, out.instance, {}});
    static const std::vector<ir::TypeFacts::Part> single = {{{}, ir::ValueKind::Reference}};
    const auto &parts =
        S.types().kind(pt) == ir::ValueKind::Aggregate ? S.types().parts(pt.getCanonicalType().getTypePtr()) : single;
    for (const auto &part : parts) {
      AddrId f2 = from, t2 = to;
      for (const ir::Step &st : part.steps) {
        f2 = A.child(f2, st);
        t2 = A.child(t2, st);
      }
      s.memory[t2] = known ? read(s, f2) : Value{Value::Kind::Unknown, kNoObj, 0};
    }
  }
  if (closure != kNoObj && closure < s.objects.size())
    for (auto &[index, addr] : s.objects[closure].captures)
      out.aliases[{RootKind::Capture, fn, index}] = addr;
  if (!fn->getReturnType()->isVoidType())
    out.resultType = fn->getReturnType().getCanonicalType().getTypePtr();
  return true;
}

void Interp::unknownCall(MachineState &s, std::uint32_t g, const Event &e) {
  for (const ir::Binding &b : e.args)
    escape(s, g, b.place, nullptr);
  if (e.result != ir::kNoPlace) {
    bool known = true;
    AddrId a = resolve(s, g, e.result, &known);
    if (known)
      s.memory[a] = Value{Value::Kind::Unknown, kNoObj, 0};
  }
}

void Interp::call(MachineState &s, std::uint32_t g, const Event &e, std::vector<MachineState> &forks) {
  auto ts = targets(s, g, e);
  // A method through a null pointer does not run.
  for (const ir::Binding &b : e.args)
    if (b.param == ir::Binding::kThisParam) {
      const ir::Place &obj = P.get(b.place);
      if (!obj.steps.empty() && obj.steps.back().kind == StepKind::Deref) {
        Value ptr = load(s, g, P.intern({obj.root, {obj.steps.begin(), obj.steps.end() - 1}}));
        if (ptr.kind == Value::Kind::Null)
          return;
      }
    }
  if (ts.empty()) {
    if (e.callable != ir::kNoPlace)
      unknownCall(s, g, e);
    return;
  }
  std::vector<MachineState> alternatives;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    MachineState st = s;
    auto [fn, obj] = ts[i];
    if (!fn) { // a context's cancel function
      if (obj != kNoObj)
        cancel(st, st.objects[obj].target);
    } else if (st.goroutines[g].stack.size() >= kMaxDepth) {
      unknownCall(st, g, e);
    } else {
      Frame f;
      if (!enter(st, g, e, fn, obj, f, g)) {
        unknownCall(st, g, e);
      } else {
        if (e.result != ir::kNoPlace) {
          bool known = true;
          AddrId r = resolve(st, g, e.result, &known);
          f.result = known ? r : ~0u;
        }
        st.goroutines[g].stack.push_back(std::move(f));
      }
    }
    alternatives.push_back(std::move(st));
  }
  if (e.mayNotRun)
    alternatives.push_back(s);
  s = std::move(alternatives.front());
  for (std::size_t i = 1; i < alternatives.size(); ++i)
    forks.push_back(std::move(alternatives[i]));
}

void Interp::cancel(MachineState &s, ObjRef done) {
  if (done == kNoObj || done >= s.objects.size())
    return;
  s.channels[done].closed = true;
  for (ObjRef o = 0; o < s.objects.size(); ++o)
    if (s.objects[o].kind == Object::Kind::Channel && s.objects[o].parent == done && !s.channels[o].closed)
      cancel(s, o);
}

} // namespace chcheck::concurrency
