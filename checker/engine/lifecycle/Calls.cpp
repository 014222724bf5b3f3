// Calls and goroutines in the lifecycle dataflow: a call runs the callee's
// skeleton in a frame that binds its parameters, `this` and a lambda's
// captures to the caller's places; a `go` runs the goroutine's body from the
// state at the `go` and lets the spawner see what it may close or send.
#include "Interpreter.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

#include <algorithm>

using namespace clang;

namespace chcheck::lifecycle {

using ir::Event;
using ir::RootKind;

namespace {
bool isLambdaCallOperator(const FunctionDecl *fd) {
  const auto *m = dyn_cast<CXXMethodDecl>(fd);
  return m && m->getParent()->isLambda();
}

// Whether the function's own places (parameters, locals, temporaries) hold `p`.
bool ownedBy(const ir::Place &p, const FunctionDecl *fd) {
  switch (p.root.kind) {
  case RootKind::Param:
  case RootKind::Temp:
  case RootKind::Return:
  case RootKind::Capture:
  case RootKind::This:
    return p.root.key == fd;
  case RootKind::Local: {
    const auto *vd = static_cast<const VarDecl *>(p.root.key);
    return fd->Encloses(vd->getDeclContext());
  }
  default:
    return false;
  }
}
} // namespace

std::vector<Interpreter::Target> Interpreter::targets(const State &s, const Frame &f, const Event &e) {
  std::vector<Target> out;
  auto self = const_cast<Interpreter *>(this);
  if (e.callable != ir::kNoPlace) {
    RefValue v = self->valueAt(s, f, e.callable);
    for (ObjId t : v.targets) {
      const Object &o = objects_.get(t);
      if (o.kind == Object::Kind::Canceller) {
        out.push_back({nullptr, ~0u, t});
        continue;
      }
      auto info = closures_.find(t);
      if (o.kind == Object::Kind::Heap && info != closures_.end()) {
        for (const FunctionDecl *fd : info->second.callees)
          out.push_back({fd, t, ~0u});
        if (info->second.callees.empty())
          out.push_back({});
        continue;
      }
      out.push_back({}); // something we do not follow
    }
    return out;
  }
  PlaceId self_ = ir::kNoPlace;
  for (const ir::Binding &b : e.args)
    if (b.param == ir::Binding::kThisParam)
      self_ = b.place;
  // A virtual call on an object whose class we know runs that class's override.
  std::vector<const FunctionDecl *> callees = e.callees;
  if (e.cls && self_ != ir::kNoPlace && callees.size() > 1) {
    const CXXRecordDecl *dynamic = nullptr;
    PlaceId obj = resolveStatic(f, self_);
    const ir::Place &op = P.get(obj);
    if (!op.steps.empty() && op.steps.back().kind == ir::StepKind::Deref) {
      PlaceId ptr = P.intern({op.root, {op.steps.begin(), op.steps.end() - 1}});
      RefValue v = self->valueAt(s, f, ptr);
      for (ObjId t : v.targets)
        if (auto it = heapTypes_.find(t); it != heapTypes_.end() && it->second) {
          if (dynamic && dynamic != it->second) {
            dynamic = nullptr;
            break;
          }
          dynamic = it->second;
        }
    }
    if (dynamic) {
      const FunctionDecl *best = nullptr;
      for (const FunctionDecl *c : callees) {
        const auto *m = cast<CXXMethodDecl>(c);
        if (m->getParent() == dynamic ||
            (dynamic->isDerivedFrom(m->getParent()) &&
             (!best || cast<CXXMethodDecl>(m)->getParent()->isDerivedFrom(
                           cast<CXXMethodDecl>(best)->getParent()))))
          best = c;
        if (m->getParent() == dynamic)
          break;
      }
      if (best)
        callees = {best};
    }
  }
  for (const FunctionDecl *fd : callees) {
    Target t{fd, ~0u, ~0u};
    if (isLambdaCallOperator(fd) && self_ != ir::kNoPlace) {
      RefValue v = self->valueAt(s, f, self_);
      for (ObjId c : v.targets)
        if (closures_.count(c))
          t.closure = c;
    }
    out.push_back(t);
  }
  return out;
}

void Interpreter::bindValue(State &s, const Frame &f, PlaceId to, PlaceId from, QualType type) {
  Event copyEvent;
  copyEvent.kind = ir::EventKind::Copy;
  copyEvent.dst = to;
  copyEvent.src = from;
  ir::ValueKind k = S.types().kind(type);
  if (k == ir::ValueKind::Bool) {
    setFlag(s, f, to, flag(s, f, from));
    return;
  }
  if (k == ir::ValueKind::Aggregate)
    copyEvent.valueType = type.getNonReferenceType().getCanonicalType().getTypePtr();
  else if (k != ir::ValueKind::Reference)
    return;
  copy(s, f, copyEvent, false);
}

// Sets up the callee's frame: by-reference parameters and `this` alias the
// caller's places, by-value parameters get copies, a lambda's captures are
// bound to what its closure captured.
bool Interpreter::enter(const Frame &f, const Event &e, const Target &t, State &s, Frame &callee) {
  const ir::Skeleton *sk = e.summarised ? S.summarised(t.function) : S.get(t.function);
  if (!sk)
    return false;
  callee.sk = sk;
  callee.parent = &f;
  callee.depth = f.depth + 1;
  auto [it, inserted] = contexts_.try_emplace({f.context, e.site ? static_cast<const void *>(e.site)
                                                                 : static_cast<const void *>(&e)},
                                              static_cast<std::uint32_t>(contexts_.size() + 1));
  callee.context = it->second;
  callee.callSite = f.depth == 0 || f.goroutine ? e.loc : f.callSite;
  callee.callee = f.depth == 0 || f.goroutine ? t.function : f.callee;
  const FunctionDecl *fd = t.function;
  for (const ir::Binding &b : e.args) {
    if (b.param == ir::Binding::kThisParam) {
      if (isLambdaCallOperator(fd))
        continue;
      callee.aliases[{RootKind::This, fd, 0}] = resolveStatic(f, b.place);
      continue;
    }
    if (b.param >= fd->getNumParams())
      continue;
    ir::Root param{RootKind::Param, fd, b.param};
    if (b.byReference) {
      callee.aliases[param] = resolveStatic(f, b.place);
    } else {
      bindValue(s, f, P.root(param), b.place, fd->getParamDecl(b.param)->getType());
      callee.sources[param] = resolveStatic(f, b.place);
    }
  }
  if (t.closure != ~0u)
    if (auto it = closures_.find(t.closure); it != closures_.end())
      for (auto &[index, place] : it->second.captures)
        callee.aliases[{RootKind::Capture, fd, index}] = place;
  return true;
}

// A call we do not follow: what it gets escapes, and what it gets by
// reference may be reassigned (never assumed closed).
void Interpreter::unknownEffects(const Frame &f, const Event &e, State &s) {
  for (const ir::Binding &b : e.args) {
    for (PlaceId c : concretize(s, f, b.place)) {
      mayFill(s, read(s, c));
      if (!b.byReference)
        continue;
      if (summaryWrites_)
        summaryWrites_->insert(c);
      for (auto it = s.refs.begin(); it != s.refs.end();)
        it = P.within(it->first, c) ? s.refs.erase(it) : std::next(it);
      for (auto it = s.flags.begin(); it != s.flags.end();)
        it = P.within(it->first, c) ? s.flags.erase(it) : std::next(it);
    }
  }
  if (e.result != ir::kNoPlace)
    writeAll(s, f, e.result, RefValue::to(objects_.intern({Object::Kind::Unknown, resolveStatic(f, e.result)})),
             false);
}

void Interpreter::call(const Frame &f, const Event &e, State &s, Disjunction &extra, const Recorder *rec) {
  std::vector<Target> ts = targets(s, f, e);
  if (ts.empty())
    return;
  Disjunction results;
  bool mayNotRun = e.mayNotRun;
  // A method called through a null pointer (a destructor run by reset() of
  // an empty unique_ptr) does not run.
  for (const ir::Binding &b : e.args) {
    if (b.param != ir::Binding::kThisParam)
      continue;
    const ir::Place &obj = P.get(resolveStatic(f, b.place));
    if (obj.steps.empty() || obj.steps.back().kind != ir::StepKind::Deref)
      continue;
    RefValue ptr = valueAt(s, f, P.intern({obj.root, {obj.steps.begin(), obj.steps.end() - 1}}));
    if (ptr.definitelyNull())
      return;
    mayNotRun |= ptr.maybeNull;
  }
  if (mayNotRun)
    results.push_back(s);
  for (const Target &t : ts) {
    State in = s;
    if (t.canceller != ~0u) {
      ObjId done = objects_.get(t.canceller).peer;
      ChanState cs = chanState(in, done);
      cs.bits = kClosed;
      cs.closedAt = e.loc;
      in.chans[done] = cs;
      results.push_back(std::move(in));
      continue;
    }
    bool recursive = t.function && std::find(stack_.begin(), stack_.end(), t.function) != stack_.end();
    Frame callee;
    if (!t.function || recursive || f.depth >= kMaxDepth || budgetExceeded() ||
        !enter(f, e, t, in, callee)) {
      unknownEffects(f, e, in);
      results.push_back(std::move(in));
      continue;
    }
    stack_.push_back(t.function);
    Disjunction outs = rec ? record(callee, {in}, *rec) : runCall(callee, t, std::move(in));
    stack_.pop_back();
    for (State &o : outs) {
      if (e.result != ir::kNoPlace) {
        QualType rt = t.function->getReturnType();
        PlaceId ret = P.root({RootKind::Return, t.function, 0});
        if (rt->isReferenceType())
          writeAll(o, f, e.result, read(o, ret), false);
        else
          bindValue(o, f, resolveStatic(f, e.result), ret, rt);
      }
      // The callee's own places die with the call.
      for (auto it = o.refs.begin(); it != o.refs.end();)
        it = ownedBy(P.get(it->first), t.function) ? o.refs.erase(it) : std::next(it);
      for (auto it = o.flags.begin(); it != o.flags.end();)
        it = ownedBy(P.get(it->first), t.function) ? o.flags.erase(it) : std::next(it);
      results.push_back(std::move(o));
    }
  }
  if (results.empty()) {
    s.reachable = false; // every callee ends by throwing or never returns
    return;
  }
  s = std::move(results[0]);
  for (std::size_t i = 1; i < results.size(); ++i)
    extra.push_back(std::move(results[i]));
}

Disjunction Interpreter::runCall(const Frame &callee, const Target &t, State entry) {
  // Whether a goroutine's writes and log are being collected is part of the
  // key: a spawned body is run collecting them, then recorded without.
  CallKey key{callee.context, t.function, t.closure, writes_ != nullptr, log_ != nullptr};
  auto known = calls_.find(key);
  if (known != calls_.end())
    for (const CallEffects &c : known->second)
      if (c.entry == entry) {
        replay(c);
        return c.exits;
      }
  // The callee's effects on the goroutine's log, recorded apart so that a
  // later call from the same entry can replay them.
  CallEffects c;
  c.entry = entry;
  std::set<PlaceId> *outerWrites = writes_;
  GoroutineLog *outerLog = log_;
  if (outerWrites)
    writes_ = &c.written;
  if (outerLog) {
    c.log.stackBase = outerLog->stackBase;
    log_ = &c.log;
  }
  std::uint64_t before = steps_;
  c.exits = run(callee, {std::move(entry)});
  writes_ = outerWrites;
  log_ = outerLog;
  replay(c);
  // A short callee costs less to run again than to keep and compare.
  if (steps_ - before < kCachedCallSteps)
    return std::move(c.exits);
  auto &entries = calls_[key];
  if (entries.size() >= kMaxCallEntries)
    return std::move(c.exits);
  entries.push_back(std::move(c));
  return entries.back().exits;
}

// What a call does to the running goroutine's log, merged as its own steps
// would have: the first close set or guard set seen is kept and
// intersected with later ones, the first send location kept.
void Interpreter::replay(const CallEffects &c) {
  if (writes_)
    writes_->insert(c.written.begin(), c.written.end());
  if (!log_)
    return;
  for (auto &[key, closed] : c.log.closedBefore) {
    auto [it, first] = log_->closedBefore.try_emplace(key, closed);
    if (!first)
      for (auto x = it->second.begin(); x != it->second.end();)
        x = closed.count(x->first) ? std::next(x) : it->second.erase(x);
  }
  for (auto &[sig, objects] : c.log.sentAfter)
    log_->sentAfter[sig].insert(objects.begin(), objects.end());
  for (auto &[o, at] : c.log.sends)
    log_->sends.try_emplace(o, at);
  for (auto &[o, guards] : c.log.sendGuards) {
    auto [it, first] = log_->sendGuards.try_emplace(o, guards);
    if (!first)
      for (auto g = it->second.begin(); g != it->second.end();)
        g = guards.count(*g) ? std::next(g) : it->second.erase(g);
  }
}

// Channels open at a `go` (state `start`) that the analysed function closes
// by its exits, itself or by a goroutine started elsewhere than `spawnAt`.
// A close it only waited for is not its own: the goroutine started at
// `spawnAt` may be the one that closed.
std::vector<std::tuple<ObjId, Certainty, SourceLocation, SourceLocation>>
Interpreter::closesAfter(const Disjunction &exits, const State &start, SourceLocation spawnAt) {
  std::map<ObjId, std::tuple<Certainty, SourceLocation, SourceLocation>> found;
  std::map<ObjId, unsigned> closedIn;
  for (const State &x : exits)
    for (auto &[o, cs] : x.chans) {
      if (!(chanState(start, o).bits & kOpen))
        continue;
      if ((cs.bits & (kClosed | kClosedPrevIter)) && !cs.closedSeenByWait) {
        if (cs.bits == kClosed)
          ++closedIn[o];
        auto &entry = found[o];
        std::get<0>(entry) = std::max(std::get<0>(entry), Certainty::Maybe);
        std::get<1>(entry) = cs.closedInside;
      } else if (cs.closedByOther != Certainty::No && cs.otherSpawnAt != spawnAt) {
        auto &entry = found[o];
        std::get<0>(entry) = std::max(std::get<0>(entry), cs.closedByOther);
        std::get<1>(entry) = cs.otherCloseAt;
        std::get<2>(entry) = cs.otherSpawnAt;
      }
    }
  std::vector<std::tuple<ObjId, Certainty, SourceLocation, SourceLocation>> out;
  for (auto &[o, entry] : found) {
    Certainty c = std::get<0>(entry);
    if (closedIn.count(o) && closedIn[o] == exits.size())
      c = Certainty::Definitely;
    if (c != Certainty::No)
      out.emplace_back(o, c, std::get<1>(entry), std::get<2>(entry));
  }
  return out;
}

void Interpreter::spawn(const Frame &f, const Event &e, State &s, const Recorder *rec) {
  std::vector<Target> ts = targets(s, f, e);
  for (const Target &t : ts) {
    State start = s;
    Frame body;
    bool recursive = t.function && std::find(stack_.begin(), stack_.end(), t.function) != stack_.end();
    if (!t.function || recursive || f.depth >= kMaxDepth || budgetExceeded() ||
        !enter(f, e, t, start, body)) {
      unknownEffects(f, e, s);
      continue;
    }
    body.goroutine = true;
    // The spawner runs on concurrently: no flag it holds is certain for the
    // goroutine (its own parameters were just bound), and its locks are not
    // the goroutine's.
    start.held.clear();
    for (auto it = start.flags.begin(); it != start.flags.end();)
      it = ownedBy(P.get(it->first), t.function) ? std::next(it) : start.flags.erase(it);
    // Started in a loop, the goroutine finds its earlier copies still
    // sending: on a channel they share, not on one made per iteration.
    for (auto &[o, cs] : start.chans)
      if (cs.pendingSenders.count(e.loc.getRawEncoding()) && madeInLoop(o))
        cs.pendingSenders.erase(e.loc.getRawEncoding());
    stack_.push_back(t.function);
    std::set<PlaceId> written;
    std::set<PlaceId> *outer = writes_;
    writes_ = &written;
    GoroutineLog log;
    log.stackBase = stack_.size() - 1;
    GoroutineLog *outerLog = log_;
    log_ = &log;
    State fresh = start;
    fresh.signalled.clear();
    Disjunction exits = run(body, {fresh});
    log_ = outerLog;
    writes_ = outer;
    if (outer)
      outer->insert(written.begin(), written.end());
    // What the goroutine always closes, it closes in every copy: started in
    // a loop, each one finds it closed by a sibling.
    std::map<ObjId, SourceLocation> alwaysClosed;
    bool first = true;
    for (const State &x : exits) {
      std::map<ObjId, SourceLocation> closed;
      for (auto &[o, cs] : x.chans)
        if (cs.bits == kClosed && !cs.closedSeenByWait && (chanState(s, o).bits & kOpen))
          closed[o] = cs.closedInside;
      if (first)
        alwaysClosed = closed;
      else
        for (auto it = alwaysClosed.begin(); it != alwaysClosed.end();)
          it = closed.count(it->first) ? std::next(it) : alwaysClosed.erase(it);
      first = false;
    }
    if (rec) {
      // Closes later in the analysed function, or by its other goroutines,
      // race with this goroutine.
      // Sends after the `go` may fill what the goroutine receives from.
      if (f.depth == 0 && !f.goroutine && rootExit_) {
        for (const State &x : *rootExit_)
          for (auto &[o, cs] : x.chans)
            if (cs.mayHoldValues && !chanState(start, o).mayHoldValues) {
              ChanState mine = chanState(start, o);
              mine.mayHoldValues = true;
              start.chans[o] = mine;
            }
      } else {
        for (auto &[o, cs] : start.chans)
          cs.mayHoldValues = true;
      }
      if (f.depth == 0 && !f.goroutine && rootExit_)
        for (auto &[o, certainty, at, spawnAt] : closesAfter(*rootExit_, start, e.loc)) {
          ChanState cs = chanState(start, o);
          if (cs.closedByOther >= certainty)
            continue;
          cs.closedByOther = certainty;
          cs.otherCloseAt = at;
          cs.otherSpawnAt = spawnAt;
          start.chans[o] = cs;
        }
      int loop = nodes_.empty() ? -1 : innermostLoop(f.sk, nodes_.back().second);
      if (loop >= 0)
        for (auto &[o, at] : alwaysClosed) {
          if (madeInLoop(o))
            continue;
          ChanState cs = chanState(start, o);
          cs.closedByOther = Certainty::Definitely;
          cs.otherStartedOnThisPath = true;
          cs.otherCloseAt = at;
          cs.otherSpawnAt = e.loc;
          start.chans[o] = cs;
        }
      record(body, {start}, *rec);
    }
    stack_.pop_back();
    // Happens-before through its signals.
    std::set<std::uint64_t> alwaysSignalled;
    for (std::size_t i = 0; i < exits.size(); ++i) {
      if (i == 0)
        alwaysSignalled = exits[i].signalled;
      else
        for (auto it = alwaysSignalled.begin(); it != alwaysSignalled.end();)
          it = exits[i].signalled.count(*it) ? std::next(it) : alwaysSignalled.erase(it);
    }
    for (auto &[sig, closed] : log.closedBefore) {
      if (!alwaysSignalled.count(sig))
        continue;
      for (auto &[o, at] : closed) {
        ChanState cs = chanState(s, o);
        cs.closedAtSignal[sig] = at;
        s.chans[o] = cs;
      }
    }
    bool startedInLoop = inLoop();
    for (auto &[o, sendAt] : log.sends) {
      std::set<std::uint64_t> done;
      for (std::uint64_t sig : alwaysSignalled)
        if (!log.sentAfter[sig].count(o))
          done.insert(sig);
      if (done.empty())
        continue; // no signal ends its sends: nothing to wait for
      ChanState cs = chanState(s, o);
      cs.pendingSenders[e.loc.getRawEncoding()] = {sendAt, done, startedInLoop, false, log.sendGuards[o],
                                                    here(f, e.loc)};
      s.chans[o] = cs;
    }
    // What the goroutine writes may or may not have happened yet.
    for (PlaceId c : written) {
      if (ownedBy(P.get(c), t.function))
        continue;
      s.flags.erase(c);
      if (!s.refs.count(c) && !exits.empty() && !exits.front().refs.count(c))
        continue;
      RefValue v = read(s, c);
      for (const State &x : exits)
        v.join(read(x, c));
      s.refs[c] = v;
    }
    // The spawner sees what the goroutine may close (it runs concurrently)
    // and that it may have sent.
    for (const State &x : exits)
      for (auto &[o, cs] : x.chans) {
        ChanState mine = chanState(s, o);
        ChanState updated = mine;
        if ((cs.bits & (kClosed | kClosedPrevIter)) && !cs.closedSeenByWait && (mine.bits & kOpen)) {
          Certainty c = alwaysClosed.count(o) ? Certainty::Definitely : Certainty::Maybe;
          updated.closedByOther = std::max(updated.closedByOther, c);
          updated.otherStartedOnThisPath = true;
          if (updated.otherCloseAt.isInvalid())
            updated.otherCloseAt = cs.closedInside;
          if (updated.otherSpawnAt.isInvalid())
            updated.otherSpawnAt = e.loc;
        }
        updated.mayHoldValues |= cs.mayHoldValues;
        if (!(updated == mine))
          s.chans[o] = updated;
      }
  }
}

} // namespace chcheck::lifecycle
