// Visible steps of the abstract machine: what each goroutine's next
// synchronisation operation does with Go's semantics (a send on a full or
// unbuffered channel waits for a receiver, a close wakes every receiver, a
// locked mutex blocks, a waiting writer blocks new readers of a Go RWMutex,
// a WaitGroup wait returns at zero), and which pairs meet (an unbuffered
// send and a receive, in plain operations or select cases).
#include "Interp.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>

using namespace clang;

namespace chcheck::concurrency {

using ir::Event;
using ir::EventKind;

namespace {
std::string text(const Expr *e, ASTContext &ctx) {
  if (!e)
    return {};
  e = e->IgnoreParenImpCasts();
  if (e->getSourceRange().isInvalid() || e->getBeginLoc().isMacroID() || e->getEndLoc().isMacroID() ||
      isa<CXXThisExpr>(e))
    return {};
  StringRef t = Lexer::getSourceText(CharSourceRange::getTokenRange(e->getSourceRange()),
                                     ctx.getSourceManager(), ctx.getLangOpts());
  if (t.empty() || t.size() >= 80 || t.contains('\n'))
    return {};
  return t.str();
}
} // namespace

std::string Interp::describe(const Event &e, const ir::SelectCase *c) const {
  ASTContext &ctx = S.context();
  std::string what = text(c ? c->operand : e.operand, ctx);
  std::string q = what.empty() ? std::string() : " '" + what + "'";
  switch (e.kind) {
  case EventKind::Send: return "sends on" + q;
  case EventKind::Recv:
  case EventKind::RecvOk: return "receives from" + q;
  case EventKind::RangeNext: return "ranges over" + q;
  case EventKind::Close: return "closes" + q;
  case EventKind::Len: return "reads the length of" + q;
  case EventKind::Select:
    if (c)
      return std::string("selects the case that ") + (c->isSend ? "sends on" : "receives from") + q;
    return "selects";
  case EventKind::Go: return std::string("starts a ") + (e.threadNoun ? e.threadNoun : "goroutine");
  case EventKind::Join: return "joins a thread";
  case EventKind::WgAdd: return "adds to WaitGroup" + q;
  case EventKind::WgDone: return "calls done() on WaitGroup" + q;
  case EventKind::WgWait: return "waits on WaitGroup" + q;
  case EventKind::Lock: return std::string(e.shared ? "read-locks" : "locks") + q;
  case EventKind::Unlock: return std::string(e.shared ? "read-unlocks" : "unlocks") + q;
  case EventKind::TryLock: return "tries to lock" + q;
  case EventKind::LockAll: return "locks all of its locks";
  case EventKind::CondWait: return "waits on Cond" + q;
  case EventKind::CondSignal: return "signals Cond" + q;
  case EventKind::CondBroadcast: return "broadcasts Cond" + q;
  default: return ir::eventKindName(e.kind);
  }
}

Value Interp::channelOf(const MachineState &s, std::uint32_t g, PlaceId place) {
  MachineState &m = const_cast<MachineState &>(s);
  return load(m, g, place);
}

AddrId Interp::storageOf(const MachineState &s, std::uint32_t g, PlaceId place) {
  MachineState &m = const_cast<MachineState &>(s);
  bool known = true;
  AddrId a = resolve(m, g, place, &known);
  return known ? a : ~0u;
}

bool Interp::inReturnedFrame(const MachineState &s, AddrId a) const {
  std::uint32_t instance = A.get(a).instance;
  if (instance == 0)
    return false; // a global
  for (const Goroutine &gr : s.goroutines)
    for (const Frame &f : gr.stack) {
      if (f.instance == instance)
        return false;
      for (auto &[site, heap] : f.heap)
        if (heap == instance)
          return false;
    }
  return true;
}

bool Interp::enabled(const MachineState &s, std::uint32_t g) {
  std::vector<Successor> out;
  stepOne(s, g, out);
  return !out.empty();
}

std::vector<Successor> Interp::successors(const MachineState &s) {
  std::vector<Successor> out;
  for (std::uint32_t g = 0; g < s.goroutines.size() && !overflow_; ++g)
    if (s.goroutines[g].status == Goroutine::Status::Running)
      stepOne(s, g, out);
  return out;
}

// Advances each moved goroutine past its visible step and on to its next.
void Interp::finish(MachineState s, std::vector<std::uint32_t> moved, std::vector<Step> steps,
                    std::optional<Panic> panic, std::vector<Successor> &out) {
  if (panic) {
    out.push_back({std::move(s), std::move(steps), std::move(panic)});
    return;
  }
  std::vector<MachineState> states = {std::move(s)};
  for (std::uint32_t g : moved) {
    std::vector<MachineState> next;
    for (MachineState &st : states)
      advance(std::move(st), g, next);
    states = std::move(next);
  }
  for (MachineState &st : states)
    out.push_back({std::move(st), steps, std::nullopt});
}

static void pastEvent(MachineState &s, std::uint32_t g) { ++s.goroutines[g].stack.back().event; }

void Interp::pickCase(MachineState &s, std::uint32_t g, std::size_t index) {
  Frame &f = s.goroutines[g].stack.back();
  const ir::Node &n = f.sk->nodes[f.node];
  const Event &e = n.events[f.event];
  if (e.dst != ir::kNoPlace) {
    bool known = true;
    AddrId a = resolve(s, g, e.dst, &known);
    if (known)
      s.memory[a] = Value{Value::Kind::Int, kNoObj, static_cast<std::int64_t>(index)};
  }
  if (index < n.succs.size()) {
    f.node = n.succs[index];
    f.event = 0;
  } else {
    pastEvent(s, g);
  }
}

bool Interp::tryLock(MachineState &s, std::uint32_t g, AddrId lock, bool shared, bool writerPriority,
                     SourceLocation at) {
  LockState &l = s.locks[lock];
  if (l.escaped)
    return true;
  if (shared) {
    if (l.owner || (writerPriority && l.writerWaiting && l.writerWaiting != g + 1))
      return false;
    l.readers.insert(std::upper_bound(l.readers.begin(), l.readers.end(), g), g);
    l.lockedAt = at;
    return true;
  }
  if (l.owner || !l.readers.empty())
    return false;
  l.owner = g + 1;
  l.lockedAt = at;
  if (l.writerWaiting == g + 1)
    l.writerWaiting = 0;
  return true;
}

void Interp::unlock(MachineState &s, std::uint32_t g, AddrId lock, bool shared) {
  LockState &l = s.locks[lock];
  if (shared) {
    auto it = std::find(l.readers.begin(), l.readers.end(), g);
    if (it == l.readers.end() && !l.readers.empty())
      it = l.readers.begin(); // a read unlock from another goroutine (rare)
    if (it != l.readers.end())
      l.readers.erase(it);
    return;
  }
  l.owner = 0;
}

bool Interp::writerPreferring(const MachineState &, std::uint32_t, const Event &e) const {
  return e.writerPriority;
}

std::uint32_t Interp::freeSlot(MachineState &s) {
  for (std::uint32_t h = 1; h < s.goroutines.size(); ++h) {
    // Finished before this step (canonical states keep nothing of a
    // finished goroutine): a witness tells the two occupants apart.
    if (!(s.goroutines[h] == Goroutine{.status = Goroutine::Status::Done}))
      continue;
    bool referenced = false;
    for (const Object &o : s.objects)
      referenced |= o.kind == Object::Kind::Thread && o.goroutine == h;
    for (const auto &[a, l] : s.locks)
      referenced |= l.owner == h + 1 || l.writerWaiting == h + 1 ||
                    std::find(l.readers.begin(), l.readers.end(), h) != l.readers.end();
    if (referenced)
      continue;
    // A close by the goroutine that was here stays a close by another
    // goroutine (~0u: one that has ended).
    for (auto &[o, ch] : s.channels)
      if (ch.closedBy == h + 1)
        ch.closedBy = ~0u;
    return h;
  }
  if (s.goroutines.size() >= kMaxGoroutines) {
    overflow_ = true;
    return ~0u;
  }
  s.goroutines.emplace_back();
  s.goroutines.back().status = Goroutine::Status::Done;
  return static_cast<std::uint32_t>(s.goroutines.size() - 1);
}

std::uint32_t Interp::place(MachineState &s, Goroutine g) {
  std::uint32_t slot = freeSlot(s);
  if (slot != ~0u)
    s.goroutines[slot] = std::move(g);
  return slot;
}

std::uint32_t Interp::spawn(MachineState &s, std::uint32_t g, const Event &e) {
  auto ts = targets(s, g, e);
  if (ts.size() == 1 && !ts.front().first && ts.front().second != kNoObj) {
    // go(cancel): the context is cancelled at some moment from now on.
    Goroutine c;
    c.timer = c.cancels = true;
    c.spawnLoc = e.loc;
    c.spawnedBy = g + 1;
    c.fires = s.objects[ts.front().second].target;
    place(s, std::move(c));
    return ~0u; // nothing to run up to a first visible step
  }
  if (ts.size() != 1 || !ts.front().first) {
    unknownCall(s, g, e); // something we cannot see runs: what it gets escapes
    return ~0u;
  }
  Goroutine child;
  child.spawnLoc = e.loc;
  child.noun = e.threadNoun;
  child.spawnedBy = g + 1;
  child.body = ts.front().first;
  Frame f;
  if (!enter(s, g, e, ts.front().first, ts.front().second, f, g)) {
    unknownCall(s, g, e);
    return ~0u;
  }
  child.stack.push_back(std::move(f));
  std::uint32_t id = place(s, std::move(child));
  if (id == ~0u)
    return ~0u;
  if (e.dst != ir::kNoPlace) {
    Object t;
    t.kind = Object::Kind::Thread;
    t.goroutine = id;
    ObjRef o = newObject(s, t);
    bool known = true;
    AddrId a = resolve(s, g, e.dst, &known);
    if (known && o != kNoObj)
      s.memory[a] = Value{Value::Kind::Object, o, 0};
  }
  return id;
}

// An unbuffered send meets a receiver standing before a receive (or a
// select with a receive case) on the same channel.
void Interp::rendezvous(const MachineState &s, std::uint32_t sender, const Event &se, const ir::SelectCase *sc,
                        ObjRef ch, std::vector<Successor> &out) {
  for (std::uint32_t h = 0; h < s.goroutines.size(); ++h) {
    if (h == sender || s.goroutines[h].status != Goroutine::Status::Running || s.goroutines[h].timer)
      continue;
    const Event *re = nextEvent(s, h);
    if (!re || s.goroutines[h].condWaiting != ~0u)
      continue;
    auto meet = [&](const ir::SelectCase *rc) {
      MachineState t = s;
      Value v = sentValue(t, sender, se, sc);
      if (sc)
        pickCase(t, sender, static_cast<std::size_t>(sc - se.cases.data()));
      else
        pastEvent(t, sender);
      received(t, h, *re, rc, true, v);
      std::vector<Step> steps = {{sender, sc ? sc->loc : se.loc, describe(se, sc)},
                                 {h, rc ? rc->loc : re->loc, describe(*re, rc)}};
      finish(std::move(t), {sender, h}, std::move(steps), std::nullopt, out);
    };
    if (re->kind == EventKind::Recv || re->kind == EventKind::RecvOk || re->kind == EventKind::RangeNext) {
      Value v = channelOf(s, h, re->src);
      if (v.kind == Value::Kind::Object && v.obj == ch)
        meet(nullptr);
    } else if (re->kind == EventKind::Select) {
      for (const ir::SelectCase &c : re->cases) {
        if (c.isSend)
          continue;
        Value v = channelOf(s, h, c.channel);
        if (v.kind == Value::Kind::Object && v.obj == ch)
          meet(&c);
      }
    }
  }
}

namespace {
// An operation on a channel the machine cannot name may have been on any
// channel it knows: none of them can be judged any more.
bool onUnnamedChannel(MachineState &s, const Value &v) {
  if (v.kind == Value::Kind::Object || v.kind == Value::Kind::Null)
    return false;
  for (std::size_t o = 0; o < s.objects.size(); ++o)
    if (s.objects[o].kind == Object::Kind::Channel)
      s.channels[static_cast<ObjRef>(o)].escaped = true;
  return true;
}
} // namespace

void Interp::stepOne(const MachineState &s, std::uint32_t g, std::vector<Successor> &out) {
  const Goroutine &gr = s.goroutines[g];
  if (gr.timer) {
    MachineState t = s;
    if (gr.fires != kNoObj && gr.fires < t.objects.size()) {
      if (t.objects[gr.fires].context)
        cancel(t, gr.fires);
      else if (!t.channels[gr.fires].closed)
        t.channels[gr.fires].buffer.push_back(Value{Value::Kind::Unknown, kNoObj, 0});
    }
    t.goroutines[g].status = Goroutine::Status::Done;
    out.push_back({std::move(t), {{g, gr.spawnLoc, gr.cancels ? "cancels its context" : "fires"}}, std::nullopt});
    return;
  }
  const Event *ep = nextEvent(s, g);
  if (!ep)
    return;
  const Event &e = *ep;
  MachineState t = s;
  auto proceed = [&](std::vector<Step> steps = {}) {
    pastEvent(t, g);
    if (steps.empty())
      steps.push_back({g, e.loc, describe(e)});
    finish(std::move(t), {g}, std::move(steps), std::nullopt, out);
  };
  auto panic = [&](const char *rule, const char *message, SourceLocation other, std::uint32_t otherG) {
    Panic p{rule, message, e.loc, std::string(), g, other, otherG};
    out.push_back({std::move(t), {{g, e.loc, describe(e)}}, std::move(p)});
  };
  switch (e.kind) {
  case EventKind::Send: {
    Value v = channelOf(t, g, e.src);
    if (v.kind == Value::Kind::Null)
      return; // blocks forever
    if (onUnnamedChannel(t, v) || escapedChannel(t, v)) {
      sentAway(t, g, e, nullptr);
      return proceed();
    }
    ChannelState &cs = t.channels[v.obj];
    if (cs.closed && e.library && e.library->closedStatusName) { // the value is dropped
      setInt(t, g, e.dst, e.library->closedStatus);
      return proceed();
    }
    if (cs.closed)
      return panic("CH101", "send on closed channel", cs.closedAt, cs.closedBy - 1);
    std::uint64_t cap = *t.objects[v.obj].capacity;
    if (cs.buffer.size() < cap) {
      cs.buffer.push_back(sentValue(t, g, e, nullptr));
      return proceed();
    }
    if (cap == 0)
      rendezvous(s, g, e, nullptr, v.obj, out);
    return;
  }
  case EventKind::Recv:
  case EventKind::RecvOk:
  case EventKind::RangeNext: {
    Value v = channelOf(t, g, e.src);
    if (v.kind == Value::Kind::Null)
      return;
    if (onUnnamedChannel(t, v) || escapedChannel(t, v)) {
      received(t, g, e, nullptr, true, fresh(t));
      return finish(std::move(t), {g}, {{g, e.loc, describe(e)}}, std::nullopt, out);
    }
    ChannelState &cs = t.channels[v.obj];
    if (!cs.buffer.empty()) {
      Value got = cs.buffer.front();
      cs.buffer.erase(cs.buffer.begin());
      received(t, g, e, nullptr, true, got);
    } else if (cs.closed) {
      received(t, g, e, nullptr, false, {});
    } else {
      return; // waits for a sender (an unbuffered one meets it from its side)
    }
    return finish(std::move(t), {g}, {{g, e.loc, describe(e)}}, std::nullopt, out);
  }
  // len(): a read of the channel's buffer, at the moment it happens.
  case EventKind::Len: {
    Value v = channelOf(t, g, e.src);
    Value n{Value::Kind::Unknown, kNoObj, 0};
    if (v.kind == Value::Kind::Null)
      n = Value{Value::Kind::Int, kNoObj, 0};
    else if (v.kind == Value::Kind::Object && !escapedChannel(t, v) && v.obj < t.objects.size() &&
             t.objects[v.obj].kind == Object::Kind::Channel && t.objects[v.obj].capacity)
      n = Value{Value::Kind::Int, kNoObj, static_cast<std::int64_t>(t.channels[v.obj].buffer.size())};
    if (e.dst != ir::kNoPlace) {
      bool known = true;
      AddrId d = resolve(t, g, e.dst, &known);
      if (known)
        t.memory[d] = n.kind == Value::Kind::Unknown ? fresh(t) : n;
    }
    return proceed();
  }
  case EventKind::Close: {
    Value v = channelOf(t, g, e.src);
    if (v.kind == Value::Kind::Null)
      return panic("CH103", "close of nil channel", {}, ~0u);
    if (onUnnamedChannel(t, v) || escapedChannel(t, v))
      return proceed();
    ChannelState &cs = t.channels[v.obj];
    if (cs.closed && e.library && e.library->closeIsIdempotent)
      return proceed();
    if (cs.closed)
      return panic("CH102", "close of closed channel", cs.closedAt, cs.closedBy - 1);
    cs.closed = true;
    cs.closedAt = e.loc;
    cs.closedBy = g + 1;
    return proceed();
  }
  case EventKind::Select: {
    std::size_t before = out.size();
    bool anyReady = false;
    for (const ir::SelectCase &c : e.cases) {
      Value v = channelOf(s, g, c.channel);
      if (v.kind == Value::Kind::Null)
        continue;
      MachineState u = s;
      std::size_t index = static_cast<std::size_t>(&c - e.cases.data());
      std::vector<Step> steps = {{g, c.loc, describe(e, &c)}};
      if (onUnnamedChannel(u, v) || escapedChannel(u, v)) {
        anyReady = true;
        if (c.isSend) {
          sentAway(u, g, e, &c);
          pickCase(u, g, index);
        } else {
          received(u, g, e, &c, true, fresh(u));
        }
        finish(std::move(u), {g}, std::move(steps), std::nullopt, out);
        continue;
      }
      ChannelState &cs = u.channels[v.obj];
      std::uint64_t cap = *u.objects[v.obj].capacity;
      if (c.isSend) {
        if (cs.closed && e.library && e.library->closedStatusName) { // ready: the value is dropped
          anyReady = true;
          pickCase(u, g, index);
          finish(std::move(u), {g}, std::move(steps), std::nullopt, out);
          continue;
        }
        if (cs.closed) {
          anyReady = true;
          Panic p{"CH101", "send on closed channel", c.loc, std::string(), g, cs.closedAt, cs.closedBy - 1};
          out.push_back({std::move(u), std::move(steps), std::move(p)});
          continue;
        }
        if (cs.buffer.size() < cap) {
          anyReady = true;
          cs.buffer.push_back(sentValue(u, g, e, &c));
          pickCase(u, g, index);
          finish(std::move(u), {g}, std::move(steps), std::nullopt, out);
        } else if (cap == 0) {
          std::size_t n = out.size();
          rendezvous(s, g, e, &c, v.obj, out);
          anyReady |= out.size() > n;
        }
        continue;
      }
      if (!cs.buffer.empty()) {
        anyReady = true;
        Value got = cs.buffer.front();
        cs.buffer.erase(cs.buffer.begin());
        received(u, g, e, &c, true, got);
        finish(std::move(u), {g}, std::move(steps), std::nullopt, out);
      } else if (cs.closed) {
        anyReady = true;
        received(u, g, e, &c, false, {});
        finish(std::move(u), {g}, std::move(steps), std::nullopt, out);
      }
    }
    // A receive case on an unbuffered channel may meet a sender standing
    // before a plain send: that pair is made from the sender's side.
    for (std::uint32_t h = 0; h < s.goroutines.size() && !anyReady; ++h) {
      const Event *he = h == g ? nullptr : nextEvent(s, h);
      if (he && he->kind == EventKind::Send)
        for (const ir::SelectCase &c : e.cases)
          if (!c.isSend) {
            Value v = channelOf(s, g, c.channel), w = channelOf(s, h, he->src);
            anyReady |= v.kind == Value::Kind::Object && w == v;
          }
    }
    if (!anyReady && e.hasDefault && out.size() == before) {
      pickCase(t, g, e.cases.size());
      finish(std::move(t), {g}, {{g, e.loc, "takes the default case of its select"}}, std::nullopt, out);
    }
    return;
  }
  case EventKind::Go: {
    std::uint32_t child = spawn(t, g, e);
    pastEvent(t, g);
    std::vector<std::uint32_t> moved = {g};
    if (child != ~0u)
      moved.push_back(child);
    return finish(std::move(t), moved,
                  {{g, e.loc, std::string("starts a ") + (e.threadNoun ? e.threadNoun : "goroutine")}}, std::nullopt,
                  out);
  }
  case EventKind::Join: {
    Value v = load(t, g, e.src);
    if (v.kind == Value::Kind::Object && v.obj < t.objects.size() &&
        t.objects[v.obj].kind == Object::Kind::Thread) {
      const Goroutine &other = t.goroutines[t.objects[v.obj].goroutine];
      if (other.status == Goroutine::Status::Running)
        return;
    }
    return proceed();
  }
  case EventKind::WgAdd:
  case EventKind::WgDone: {
    AddrId a = storageOf(t, g, e.src);
    // A group in a returned frame is forgotten with the frame (Go keeps it
    // alive, with a counter this search no longer has): not judged.
    if (a == ~0u || (!t.groups.count(a) && inReturnedFrame(t, a)) || t.groups[a].escaped)
      return proceed();
    GroupState &w = t.groups[a];
    if (e.kind == EventKind::WgAdd && !e.known) {
      w.escaped = true;
      return proceed();
    }
    w.counter += e.kind == EventKind::WgAdd ? e.value : -1;
    if (w.counter < 0)
      return panic("CH205", "sync: negative WaitGroup counter", {}, ~0u);
    return proceed();
  }
  case EventKind::WgWait: {
    AddrId a = storageOf(t, g, e.src);
    if (a != ~0u && !t.groups[a].escaped && t.groups[a].counter != 0)
      return;
    return proceed();
  }
  case EventKind::Lock: {
    AddrId a = storageOf(t, g, e.src);
    if (a == ~0u)
      return proceed();
    if (tryLock(t, g, a, e.shared, e.writerPriority, e.loc))
      return proceed();
    LockState &l = t.locks[a];
    // A Go RWMutex writer announces itself while readers hold the lock:
    // from then on new readers wait for it.
    if (!e.shared && !l.owner && !l.readers.empty() && l.writerWaiting == 0 && e.writerPriority) {
      l.writerWaiting = g + 1;
      out.push_back({std::move(t), {{g, e.loc, describe(e) + ", waiting for its readers"}}, std::nullopt});
    }
    return;
  }
  case EventKind::Unlock: {
    AddrId a = storageOf(t, g, e.src);
    if (a != ~0u && !t.locks[a].escaped) {
      if (e.onlyIf != ir::kNoPlace) {
        Value owns = load(t, g, e.onlyIf);
        if (owns.kind == Value::Kind::Bool && owns.num == 0)
          return proceed();
      }
      unlock(t, g, a, e.shared);
    }
    return proceed();
  }
  case EventKind::TryLock: {
    AddrId a = storageOf(t, g, e.src);
    bool got = a == ~0u || tryLock(t, g, a, e.shared, e.writerPriority, e.loc);
    if (e.dst != ir::kNoPlace) {
      bool known = true;
      AddrId d = resolve(t, g, e.dst, &known);
      if (known)
        t.memory[d] = a == ~0u ? Value{Value::Kind::Unknown, kNoObj, 0} : Value{Value::Kind::Bool, kNoObj, got};
    }
    return proceed();
  }
  case EventKind::LockAll: {
    std::vector<AddrId> locks;
    for (PlaceId p : e.places) {
      AddrId a = storageOf(t, g, p);
      if (a != ~0u)
        locks.push_back(a);
    }
    for (AddrId a : locks) {
      const LockState &l = t.locks[a];
      if (!l.escaped && (l.owner || !l.readers.empty()))
        return;
    }
    for (AddrId a : locks)
      tryLock(t, g, a, false, false, e.loc);
    return proceed();
  }
  case EventKind::CondWait: {
    AddrId c = storageOf(t, g, e.src);
    PlaceId lockPlace = P.child(P.child(e.src, {ir::StepKind::Lock, nullptr}), {ir::StepKind::Deref, nullptr});
    AddrId l = storageOf(t, g, lockPlace);
    Value sharedFlag = load(t, g, P.child(e.src, {ir::StepKind::Flag, nullptr}));
    bool shared = sharedFlag.kind == Value::Kind::Bool && sharedFlag.num;
    if (c == ~0u || l == ~0u || t.locks[l].escaped)
      return proceed();
    Goroutine &me = t.goroutines[g];
    if (me.condWaiting == ~0u) {
      unlock(t, g, l, shared);
      me.condWaiting = c;
      me.condSignalled = false;
      out.push_back({std::move(t), {{g, e.loc, describe(e)}}, std::nullopt});
      return;
    }
    if (!me.condSignalled || !tryLock(t, g, l, shared, false, e.loc))
      return;
    me.condWaiting = ~0u;
    me.condSignalled = false;
    return proceed({{g, e.loc, "wakes from Cond wait and takes its lock back"}});
  }
  case EventKind::CondSignal:
  case EventKind::CondBroadcast: {
    AddrId c = storageOf(t, g, e.src);
    std::vector<std::uint32_t> waiters;
    for (std::uint32_t h = 0; h < t.goroutines.size(); ++h)
      if (c != ~0u && t.goroutines[h].condWaiting == c && !t.goroutines[h].condSignalled)
        waiters.push_back(h);
    if (waiters.empty() || e.kind == EventKind::CondBroadcast) {
      for (std::uint32_t h : waiters)
        t.goroutines[h].condSignalled = true;
      return proceed();
    }
    for (std::uint32_t h : waiters) {
      MachineState u = t;
      u.goroutines[h].condSignalled = true;
      pastEvent(u, g);
      finish(std::move(u), {g}, {{g, e.loc, describe(e)}}, std::nullopt, out);
    }
    return;
  }
  default:
    return proceed();
  }
}

} // namespace chcheck::concurrency
