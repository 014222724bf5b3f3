#include "Interpreter.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

#include <algorithm>
#include <set>

using namespace clang;

namespace chcheck::lifecycle {

using ir::Event;
using ir::EventKind;
using ir::Place;
using ir::RootKind;
using ir::StepKind;

namespace {
// Keeps the earliest valid location, so joins do not depend on order.
void joinLoc(SourceLocation &into, SourceLocation other) {
  if (other.isValid() && (into.isInvalid() || other.getRawEncoding() < into.getRawEncoding()))
    into = other;
}
Certainty maxCertainty(Certainty a, Certainty b) { return a > b ? a : b; }
} // namespace

ObjId ObjectTable::intern(const Object &o) {
  auto [it, inserted] = ids_.try_emplace(o, static_cast<ObjId>(objects_.size()));
  if (inserted)
    objects_.push_back(o);
  return it->second;
}

void RefValue::join(const RefValue &o) {
  llvm::SmallVector<ObjId, 2> merged;
  std::set_union(targets.begin(), targets.end(), o.targets.begin(), o.targets.end(),
                 std::back_inserter(merged));
  targets = std::move(merged);
  maybeNull |= o.maybeNull;
  joinLoc(nullAt, o.nullAt);
}

void ChanState::join(const ChanState &o) {
  bits |= o.bits;
  joinLoc(closedAt, o.closedAt);
  joinLoc(closedInside, o.closedInside);
  mayHoldValues |= o.mayHoldValues;
  if (closedByOther != o.closedByOther)
    closedByOther = Certainty::Maybe;
  otherStartedOnThisPath = otherStartedOnThisPath && o.otherStartedOnThisPath;
  joinLoc(otherCloseAt, o.otherCloseAt);
  joinLoc(otherSpawnAt, o.otherSpawnAt);
  for (auto it = closedAtSignal.begin(); it != closedAtSignal.end();)
    it = o.closedAtSignal.count(it->first) ? std::next(it) : closedAtSignal.erase(it);
  closedSeenByWait |= o.closedSeenByWait;
  for (auto &[spawn, sender] : o.pendingSenders) {
    auto [it, inserted] = pendingSenders.try_emplace(spawn, sender);
    if (!inserted)
      it->second.waitedInLoop |= sender.waitedInLoop;
  }
}

Interpreter::Interpreter(ir::Skeletons &skeletons, ObjectTable &objects)
    : S(skeletons), P(skeletons.places()), objects_(objects) {}

// --- places --------------------------------------------------------------------

PlaceId Interpreter::resolveStatic(const Frame &f, PlaceId place) const {
  const Place &pl = P.get(place);
  if (auto it = f.aliases.find(pl.root); it != f.aliases.end())
    return P.rebase(it->second, pl.steps);
  return place;
}

PlaceId Interpreter::origin(const Frame &f, PlaceId place) const {
  const Place &pl = P.get(place);
  for (const Frame *fr = &f; fr; fr = fr->parent) {
    const Place &cur = P.get(place);
    if (auto it = fr->aliases.find(cur.root); it != fr->aliases.end())
      return P.rebase(it->second, cur.steps);
    if (auto it = fr->sources.find(cur.root); it != fr->sources.end()) {
      place = P.rebase(it->second, cur.steps);
      continue;
    }
    break;
  }
  (void)pl;
  return place;
}

bool Interpreter::entryVisible(PlaceId concrete) const {
  const Place &p = P.get(concrete);
  switch (p.root.kind) {
  case RootKind::Param:
  case RootKind::This:
  case RootKind::Capture:
  case RootKind::Global:
    return true;
  default:
    for (const ir::Step &s : p.steps)
      if (s.kind == StepKind::Deref)
        return true;
    return false;
  }
}

// A place of a heap object that nothing in `targets` (what a state's
// references reach) is: not allocated yet on those paths, nothing reads it
// there, so it joins as what the other paths hold.
bool Interpreter::unallocated(const std::set<ObjId> &targets, PlaceId c) {
  const Place &p = P.get(c);
  return p.root.kind == RootKind::Heap &&
         !targets.count(objects_.intern({Object::Kind::Heap, ir::kNoPlace, p.root.key, 0}));
}

RefValue Interpreter::read(const State &s, PlaceId c) {
  if (auto it = s.refs.find(c); it != s.refs.end())
    return it->second;
  return RefValue::to(objects_.intern({entryVisible(c) ? Object::Kind::Entry : Object::Kind::Unknown, c}));
}

llvm::SmallVector<PlaceId, 2> Interpreter::concretize(const State &s, const Frame &f, PlaceId place) {
  PlaceId p = resolveStatic(f, place);
  const Place &pl = P.get(p);
  llvm::SmallVector<PlaceId, 2> cur = {P.root(pl.root)};
  for (const ir::Step &step : pl.steps) {
    llvm::SmallVector<PlaceId, 2> next;
    for (PlaceId c : cur) {
      if (step.kind != StepKind::Deref) {
        next.push_back(P.child(c, step));
        continue;
      }
      for (ObjId t : read(s, c).targets) {
        const Object &o = objects_.get(t);
        PlaceId target = ir::kNoPlace;
        switch (o.kind) {
        case Object::Kind::Storage: target = o.place; break;
        case Object::Kind::Heap: target = P.root({RootKind::Heap, o.site, 0}); break;
        case Object::Kind::Entry: target = P.child(o.place, step); break;
        default: break;
        }
        if (target != ir::kNoPlace && std::find(next.begin(), next.end(), target) == next.end())
          next.push_back(target);
      }
    }
    cur = std::move(next);
    if (cur.size() > 8)
      cur.resize(8);
  }
  return cur;
}

RefValue Interpreter::valueAt(const State &s, const Frame &f, PlaceId place) {
  llvm::SmallVector<PlaceId, 2> cs = concretize(s, f, place);
  if (cs.empty())
    return RefValue::to(objects_.intern({Object::Kind::Unknown, resolveStatic(f, place)}));
  RefValue v = read(s, cs[0]);
  for (std::size_t i = 1; i < cs.size(); ++i)
    v.join(read(s, cs[i]));
  return v;
}

ChanState Interpreter::chanState(const State &s, ObjId o) const {
  if (auto it = s.chans.find(o); it != s.chans.end())
    return it->second;
  return ChanState{};
}

const ChanInfo *Interpreter::chanInfo(ObjId o) const {
  auto it = chanInfos_.find(o);
  return it == chanInfos_.end() ? nullptr : &it->second;
}

// --- effects -------------------------------------------------------------------

void Interpreter::write(State &s, PlaceId c, RefValue v, bool weak) {
  if (writes_)
    writes_->insert(c);
  if (summaryWrites_)
    summaryWrites_->insert(c);
  if (weak)
    v.join(read(s, c));
  s.refs[c] = std::move(v);
}

void Interpreter::writeAll(State &s, const Frame &f, PlaceId place, const RefValue &v, bool weak) {
  llvm::SmallVector<PlaceId, 2> cs = concretize(s, f, place);
  for (PlaceId c : cs)
    write(s, c, v, weak || cs.size() > 1);
}

std::optional<bool> Interpreter::flag(const State &s, const Frame &f, PlaceId place) {
  llvm::SmallVector<PlaceId, 2> cs = concretize(s, f, place);
  std::optional<bool> v;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    auto it = s.flags.find(cs[i]);
    if (it == s.flags.end())
      return std::nullopt;
    bool b = it->second == Flag::True;
    if (i > 0 && v != b)
      return std::nullopt;
    v = b;
  }
  return v;
}

void Interpreter::setFlag(State &s, const Frame &f, PlaceId place, std::optional<bool> v) {
  llvm::SmallVector<PlaceId, 2> cs = concretize(s, f, place);
  for (PlaceId c : cs) {
    if (writes_)
      writes_->insert(c);
    if (summaryWrites_ && !refining_)
      summaryWrites_->insert(c);
    if (v && cs.size() == 1)
      s.flags[c] = *v ? Flag::True : Flag::False;
    else
      s.flags.erase(c);
  }
}

void Interpreter::copy(State &s, const Frame &f, const Event &e, bool move) {
  static const std::vector<ir::TypeFacts::Part> single = {{{}, ir::ValueKind::Reference}};
  const auto &parts = e.valueType ? S.types().parts(e.valueType) : single;
  for (const auto &part : parts) {
    PlaceId dst = P.rebase(e.dst, part.steps), src = P.rebase(e.src, part.steps);
    if (part.kind == ir::ValueKind::Bool) {
      setFlag(s, f, dst, flag(s, f, src));
      continue;
    }
    if (part.kind != ir::ValueKind::Reference)
      continue;
    RefValue v = valueAt(s, f, src);
    // An element taken out of a container is one of its elements: only
    // "every element is nil" survives the summary.
    if (!v.targets.empty() && v.maybeNull)
      for (PlaceId c : concretize(s, f, src))
        for (const ir::Step &st : P.get(c).steps)
          if (st.kind == StepKind::Element)
            v.maybeNull = false;
    writeAll(s, f, dst, v, e.weak);
    if (move)
      writeAll(s, f, src, RefValue::null(here(f, e.loc)), false);
  }
}

void Interpreter::close(State &s, const RefValue &h, const Frame &f, SourceLocation at,
                        SourceLocation inside, bool definite) {
  (void)f;
  bool strong = definite && h.targets.size() == 1 && !h.maybeNull;
  for (ObjId o : h.targets) {
    ChanState cs = chanState(s, o);
    if (strong) {
      cs.bits = kClosed;
      cs.closedAt = at;
      cs.closedInside = inside;
      cs.closedSeenByWait = false;
    } else {
      cs.bits |= kClosed;
      if (cs.closedAt.isInvalid()) {
        cs.closedAt = at;
        cs.closedInside = inside;
      }
    }
    s.chans[o] = cs;
  }
}

void Interpreter::mayFill(State &s, const RefValue &h) {
  for (ObjId o : h.targets) {
    ChanState cs = chanState(s, o);
    if (!cs.mayHoldValues) {
      cs.mayHoldValues = true;
      s.chans[o] = cs;
    }
  }
}

void Interpreter::escape(State &s, const Frame &f, PlaceId place, const Type *aggregate) {
  static const std::vector<ir::TypeFacts::Part> single = {{{}, ir::ValueKind::Reference}};
  const auto &parts = aggregate ? S.types().parts(aggregate) : single;
  for (const auto &part : parts)
    if (part.kind == ir::ValueKind::Reference)
      mayFill(s, valueAt(s, f, P.rebase(place, part.steps)));
}

bool Interpreter::endsPath(const State &s, const RefValue &h, EventKind k) {
  if (h.definitelyNull())
    return k != EventKind::Select;
  if (k != EventKind::Send && k != EventKind::Close)
    return false;
  if (h.maybeNull || h.targets.empty())
    return false;
  for (ObjId o : h.targets)
    if (chanState(s, o).bits & kOpen)
      return false;
  return true;
}

// A goroutine gives a signal: what it closed before is closed for whoever
// waits for the signal.
void Interpreter::signal(State &s, std::uint64_t key) {
  if (log_) {
    std::map<ObjId, SourceLocation> closed;
    for (auto &[o, cs] : s.chans)
      if (cs.bits == kClosed)
        closed[o] = cs.closedInside;
    auto [it, first] = log_->closedBefore.try_emplace(key, closed);
    if (!first)
      for (auto c = it->second.begin(); c != it->second.end();)
        c = closed.count(c->first) ? std::next(c) : it->second.erase(c);
  }
  s.signalled.insert(key);
}

// Waiting for a signal returned: closes that preceded it are visible, and
// goroutines whose sends all preceded it send no more.  A WaitGroup's wait
// is one for all of them; a close is one goroutine's, of the many started in
// a loop perhaps: a wait for it in a loop may be one for each.
void Interpreter::joinSignal(State &s, std::uint64_t key) {
  bool oneOfMany = isChannelSignal(key), repeated = oneOfMany && inLoop();
  for (auto &[o, cs] : s.chans) {
    // Closed here already, it stays this goroutine's close.
    if (auto it = cs.closedAtSignal.find(key); it != cs.closedAtSignal.end() && cs.bits != kClosed) {
      cs.bits = kClosed;
      cs.closedAt = cs.closedInside = it->second;
      cs.closedSeenByWait = true;
    }
    for (auto it = cs.pendingSenders.begin(); it != cs.pendingSenders.end();) {
      if (!it->second.doneAt.count(key)) {
        ++it;
      } else if (it->second.many && oneOfMany) {
        it->second.waitedInLoop |= repeated;
        ++it;
      } else {
        it = cs.pendingSenders.erase(it);
      }
    }
  }
}

ObjId Interpreter::makeChannel(State &s, const Frame &f, const Event &e, ChanInfo info) {
  ObjId o = objects_.intern({Object::Kind::Channel, ir::kNoPlace, e.site ? static_cast<const void *>(e.site)
                                                                          : static_cast<const void *>(&e),
                             f.context});
  chanInfos_[o] = info;
  madeIn_[o] = nodes_;
  ChanState cs;
  cs.mayHoldValues = e.kind == EventKind::After;
  s.chans[o] = cs;
  return o;
}

void Interpreter::transfer(const Frame &f, const Event &e, State &s, Disjunction &extra, const Recorder *rec) {
  if (++steps_ > kStepBudget)
    return;
  if (e.onlyIf != ir::kNoPlace)
    if (std::optional<bool> b = flag(s, f, e.onlyIf); b && !*b)
      return;
  auto observe = [&](OpKind op, PlaceId channel, const ir::SelectCase *c = nullptr, bool lone = false) {
    if (rec)
      (*rec)({op, &f, &e, channel, c, lone}, s);
  };
  switch (e.kind) {
  case EventKind::Copy:
    return copy(s, f, e, false);
  case EventKind::Move:
    return copy(s, f, e, true);
  case EventKind::AddrOf: {
    RefValue v;
    for (PlaceId c : concretize(s, f, e.src))
      v.targets.push_back(objects_.intern({Object::Kind::Storage, c}));
    std::sort(v.targets.begin(), v.targets.end());
    return writeAll(s, f, e.dst, v, e.weak);
  }
  case EventKind::SetNull:
    return writeAll(s, f, e.dst, RefValue::null(here(f, e.loc)), e.weak);
  case EventKind::Alloc: {
    ObjId o = objects_.intern({Object::Kind::Heap, ir::kNoPlace, e.site, 0});
    heapTypes_[o] = e.cls;
    return writeAll(s, f, e.dst, RefValue::to(o), e.weak);
  }
  case EventKind::MakeChan: {
    ObjId o = makeChannel(s, f, e, {e.loc, e.capacity, false});
    writeAll(s, f, e.dst, RefValue::to(o), e.weak);
    if (e.library)
      observe(OpKind::Make, e.dst);
    return;
  }
  case EventKind::After: {
    ObjId o = makeChannel(s, f, e, {e.loc, 1, false});
    return writeAll(s, f, e.dst, RefValue::to(o), false);
  }
  case EventKind::MakeContext: {
    ObjId o = makeChannel(s, f, e, {e.loc, 0, true});
    writeAll(s, f, e.dst, RefValue::to(o), false);
    if (e.result != ir::kNoPlace)
      writeAll(s, f, e.result, RefValue::to(objects_.intern({Object::Kind::Canceller, ir::kNoPlace, e.site, 0,
                                                             nullptr, o})),
               false);
    return;
  }
  case EventKind::MakeClosure: {
    ObjId o = objects_.intern({Object::Kind::Heap, ir::kNoPlace, e.site, 0});
    ClosureInfo &info = closures_[o];
    info.callees = e.callees;
    info.captures.clear();
    for (const ir::Binding &b : e.args)
      info.captures.emplace_back(b.param, b.byReference ? resolveStatic(f, b.place) : b.place);
    return writeAll(s, f, e.dst, RefValue::to(o), e.weak);
  }
  case EventKind::Havoc: {
    if (e.summarised)
      return; // the summary of the call before says what it overwrites
    static const std::vector<ir::TypeFacts::Part> single = {{{}, ir::ValueKind::Reference}};
    const auto &parts = e.valueType ? S.types().parts(e.valueType) : single;
    for (const auto &part : parts) {
      PlaceId dst = P.rebase(e.dst, part.steps);
      if (part.kind == ir::ValueKind::Bool)
        setFlag(s, f, dst, std::nullopt);
      else if (part.kind == ir::ValueKind::Reference)
        writeAll(s, f, dst, RefValue::to(objects_.intern({Object::Kind::Unknown, resolveStatic(f, dst)})),
                 e.weak);
    }
    return;
  }
  case EventKind::SetBool:
    if (e.src != ir::kNoPlace)
      return setFlag(s, f, e.dst, flag(s, f, e.src));
    return setFlag(s, f, e.dst, e.known && !e.weak ? std::optional<bool>(e.value != 0) : std::nullopt);
  case EventKind::CompareExchange: {
    std::optional<bool> cur = flag(s, f, e.src), expected = e.places.empty() ? std::nullopt
                                                                               : flag(s, f, e.places[0]);
    std::optional<bool> desired = e.known ? std::optional<bool>(e.value != 0) : std::nullopt;
    if (!expected) {
      setFlag(s, f, e.src, std::nullopt);
      return setFlag(s, f, e.dst, std::nullopt);
    }
    auto succeed = [&](State &st) {
      setFlag(st, f, e.src, desired);
      setFlag(st, f, e.dst, true);
    };
    auto fail = [&](State &st) {
      setFlag(st, f, e.src, !*expected);
      setFlag(st, f, e.places[0], !*expected);
      setFlag(st, f, e.dst, false);
    };
    if (cur) {
      if (*cur == *expected)
        succeed(s);
      else
        fail(s);
      return;
    }
    State other = s;
    fail(other);
    extra.push_back(std::move(other));
    succeed(s);
    return;
  }
  case EventKind::SetInt:
  case EventKind::AddInt:
  case EventKind::Len:
  case EventKind::Size:
    return;
  case EventKind::Send: {
    RefValue h = valueAt(s, f, e.src);
    observe(OpKind::Send, e.src);
    // A library may return a status instead of panicking (or throw, which ends the path too).
    if ((!e.library || e.library->closedSendThrows) && endsPath(s, h, e.kind)) {
      s.reachable = false;
      return;
    }
    if (log_) {
      for (ObjId o : h.targets) {
        log_->sends.try_emplace(o, e.loc);
        for (std::uint64_t sig : s.signalled)
          log_->sentAfter[sig].insert(o);
      }
      logSendGuards(f, e, s, h);
    }
    if (e.payload != ir::kNoPlace)
      escape(s, f, e.payload, e.valueType); // the receiver gets it: we do not follow it there
    return mayFill(s, h);
  }
  case EventKind::Recv:
  case EventKind::RecvOk:
  case EventKind::RangeNext: {
    RefValue h = valueAt(s, f, e.src);
    bool reportsClosed = e.kind == EventKind::RecvOk || (e.library && e.dst != ir::kNoPlace); // pop(v)'s status
    observe(e.kind == EventKind::RangeNext ? OpKind::Range
            : reportsClosed               ? OpKind::RecvOk
                                          : OpKind::Recv,
            e.src);
    if (h.definitelyNull()) {
      s.reachable = false; // blocks forever
      return;
    }
    // A receive from a channel nothing is sent on returns at its close: it
    // waits for that signal.
    if (!h.targets.empty() && !h.maybeNull) {
      bool nothingSent = true;
      for (ObjId o : h.targets)
        nothingSent &= !chanState(s, o).mayHoldValues;
      if (nothingSent)
        for (ObjId o : h.targets)
          joinSignal(s, channelSignal(o));
    }
    if (e.payload != ir::kNoPlace) { // what a sender sent: not followed here
      setFlag(s, f, e.payload, std::nullopt);
      writeAll(s, f, e.payload,
               RefValue::to(objects_.intern({Object::Kind::Unknown, resolveStatic(f, e.payload)})), false);
    }
    if (e.dst != ir::kNoPlace && !e.library) {
      bool drained = !h.targets.empty() && !h.maybeNull;
      for (ObjId o : h.targets) {
        ChanState cs = chanState(s, o);
        drained &= !(cs.bits & kOpen) && !cs.mayHoldValues;
      }
      setFlag(s, f, e.dst, drained ? std::optional<bool>(false) : std::nullopt);
    }
    return;
  }
  case EventKind::Close: {
    RefValue h = valueAt(s, f, e.src);
    dropGuardedSenders(f, e, s, h);
    observe(OpKind::Close, e.src);
    if (!e.library && endsPath(s, h, e.kind)) { // a library may return a status instead of panicking
      s.reachable = false;
      return;
    }
    close(s, h, f, here(f, e.loc), e.loc, true);
    if (h.targets.size() == 1)
      signal(s, channelSignal(h.targets[0]));
    return;
  }
  case EventKind::Select: {
    bool lone = e.cases.size() == 1 && e.hasDefault && e.cases[0].isSend;
    for (const ir::SelectCase &c : e.cases) {
      observe(c.isSend ? OpKind::SelectSend : OpKind::SelectRecv, c.channel, &c, lone && c.isSend);
      if (c.isSend) {
        mayFill(s, valueAt(s, f, c.channel));
        if (c.value != ir::kNoPlace)
          escape(s, f, c.value, nullptr);
      } else {
        if (c.ok != ir::kNoPlace)
          setFlag(s, f, c.ok, std::nullopt);
        if (c.value != ir::kNoPlace) {
          setFlag(s, f, c.value, std::nullopt);
          writeAll(s, f, c.value,
                   RefValue::to(objects_.intern({Object::Kind::Unknown, resolveStatic(f, c.value)})), false);
        }
      }
    }
    if (!e.hasDefault) {
      bool allNil = true;
      for (const ir::SelectCase &c : e.cases)
        allNil &= valueAt(s, f, c.channel).definitelyNull();
      if (allNil)
        s.reachable = false; // blocks forever
    }
    return;
  }
  case EventKind::Go:
    return spawn(f, e, s, rec);
  case EventKind::Call:
    return call(f, e, s, extra, rec);
  case EventKind::Escape:
    if (e.summarised)
      return; // the summarised goroutine started next does what it may do
    return escape(s, f, e.src, e.valueType);
  case EventKind::TryLock:
    if (e.dst != ir::kNoPlace)
      setFlag(s, f, e.dst, std::nullopt);
    return;
  case EventKind::WgDone:
  case EventKind::WgWait: {
    llvm::SmallVector<PlaceId, 2> wg = concretize(s, f, e.src);
    if (wg.size() != 1)
      return;
    if (e.kind == EventKind::WgDone)
      signal(s, groupSignal(wg[0]));
    else
      joinSignal(s, groupSignal(wg[0]));
    return;
  }
  case EventKind::Cancel:
  case EventKind::Join:
  case EventKind::WgAdd:
  case EventKind::Lock:
  case EventKind::Unlock:
  case EventKind::LockAll:
    return lockEvent(f, e, s);
  case EventKind::CondWait:
  case EventKind::CondSignal:
  case EventKind::CondBroadcast:
    return;
  }
}

void Interpreter::branch(const Frame &f, const ir::Node &n, const State &s, std::vector<Disjunction> &out) {
  out.assign(n.succs.size(), {});
  if (n.succs.size() != 2 || n.cond.kind == ir::Condition::Kind::Opaque ||
      n.cond.kind == ir::Condition::Kind::IntLess || n.cond.kind == ir::Condition::Kind::IntEq) {
    for (auto &d : out)
      d.push_back(s);
    return;
  }
  if (n.cond.kind == ir::Condition::Kind::Bool) {
    std::optional<bool> v = flag(s, f, n.cond.place);
    for (int taken = 0; taken < 2; ++taken) {
      bool value = taken == 0;
      if (v && *v != value)
        continue;
      State t = s;
      refining_ = true;
      setFlag(t, f, n.cond.place, value);
      refining_ = false;
      out[taken].push_back(std::move(t));
    }
    return;
  }
  // NotNull
  RefValue h = valueAt(s, f, n.cond.place);
  llvm::SmallVector<PlaceId, 2> cs = concretize(s, f, n.cond.place);
  if (!h.targets.empty()) {
    State t = s;
    if (cs.size() == 1 && h.maybeNull)
      t.refs[cs[0]] = {h.targets, false, {}};
    out[0].push_back(std::move(t));
  }
  if (h.maybeNull) {
    State t = s;
    if (cs.size() == 1)
      t.refs[cs[0]] = RefValue::null(h.nullAt);
    out[1].push_back(std::move(t));
  }
}

Disjunction Interpreter::solve(const Frame &frame, Disjunction entry, const Recorder *recorder) {
  const ir::Skeleton &sk = *frame.sk;
  const LoopInfo &L = loops(frame.sk);
  std::vector<Disjunction> in(sk.nodes.size());
  in[0] = std::move(entry);
  normalize(in[0]);
  nodes_.emplace_back(frame.sk, 0);
  auto runNode = [&](std::uint32_t n, const Recorder *rec) {
    nodes_.back().second = n;
    Disjunction cur = in[n];
    for (const Event &e : sk.nodes[n].events) {
      Disjunction next;
      for (State &st : cur) {
        Disjunction extra;
        transfer(frame, e, st, extra, rec);
        if (st.reachable)
          next.push_back(std::move(st));
        for (State &x : extra)
          if (x.reachable)
            next.push_back(std::move(x));
      }
      normalize(next);
      cur = std::move(next);
      if (cur.empty())
        break;
    }
    return cur;
  };
  auto edge = [&](std::uint32_t from, std::uint32_t to, State s) {
    if (L.rpoIndex[to] <= L.rpoIndex[from]) {
      for (auto &[o, cs] : s.chans)
        if (cs.bits & kClosed)
          cs.bits = (cs.bits & ~kClosed) | kClosedPrevIter;
    } else {
      for (std::size_t i = 0; i < L.heads.size(); ++i)
        if (L.inLoop[i][from] && !L.inLoop[i][to])
          for (auto &[o, cs] : s.chans)
            if (cs.bits & kClosedPrevIter)
              cs.bits = (cs.bits & ~kClosedPrevIter) | kClosed;
    }
    return s;
  };
  for (unsigned pass = 0; pass < 32; ++pass) {
    bool changed = false;
    for (std::uint32_t n : L.rpo) {
      if (in[n].empty())
        continue;
      Disjunction out = runNode(n, nullptr);
      const ir::Node &node = sk.nodes[n];
      for (const State &st : out) {
        std::vector<Disjunction> perSucc;
        branch(frame, node, st, perSucc);
        for (std::size_t i = 0; i < node.succs.size(); ++i) {
          std::uint32_t to = node.succs[i];
          if (perSucc[i].empty())
            continue;
          Disjunction merged = in[to];
          for (State &t : perSucc[i])
            merged.push_back(edge(n, to, std::move(t)));
          normalize(merged);
          if (merged != in[to]) {
            in[to] = std::move(merged);
            changed = true;
          }
        }
      }
    }
    if (!changed || budgetExceeded())
      break;
  }
  if (recorder && frame.depth == 0 && !frame.goroutine)
    rootExit_ = in[sk.exit];
  if (recorder)
    for (std::uint32_t n : L.rpo)
      if (!in[n].empty())
        runNode(n, recorder);
  nodes_.pop_back();
  return in[sk.exit];
}

Disjunction Interpreter::run(const Frame &frame, Disjunction entry) {
  return solve(frame, std::move(entry), nullptr);
}

Disjunction Interpreter::record(const Frame &frame, Disjunction entry, const Recorder &recorder) {
  return solve(frame, std::move(entry), &recorder);
}

} // namespace chcheck::lifecycle
