// One function's lock summary: a dataflow over its skeleton whose state is
// the set of locks surely held (intersection at joins, so a lock released on
// one branch holds no order after it) and the threads it started that may
// still run.  A fixpoint first, then one pass that records, so no order is
// taken from a held set a later iteration shrinks.  Calls apply the
// callee's summary with the call's bindings; a spawn turns the body's
// summary into a thread of this function.
#include "Summary.h"

#include "Aliases.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <optional>
#include <tuple>

using namespace clang;

namespace chcheck::locks {

using ir::Event;
using ir::EventKind;
using ir::Place;
using ir::RootKind;
using ir::Step;
using ir::StepKind;

const Summary *Summaries::get(const FunctionDecl *fd) {
  const ir::Skeleton *sk = S.get(fd);
  if (!sk)
    return nullptr;
  if (auto it = done_.find(sk); it != done_.end())
    return it->second.get();
  if (!inProgress_.insert(sk).second)
    return nullptr; // recursion: no effects
  std::unique_ptr<Summary> sum = summarise(*this, *sk);
  inProgress_.erase(sk);
  return (done_[sk] = std::move(sum)).get();
}

namespace {

struct State {
  bool reached = false;
  std::vector<Held> held; // sorted by lock
  std::uint64_t live = 0;
  std::set<PlaceId> dropped; // the caller's locks surely released and not taken again
};

const Held *find(const State &s, PlaceId p) {
  for (const Held &h : s.held)
    if (h.lock == p)
      return &h;
  return nullptr;
}

void add(State &s, Held h) {
  if (find(s, h.lock))
    return;
  auto at = std::lower_bound(s.held.begin(), s.held.end(), h.lock,
                             [](const Held &x, PlaceId p) { return x.lock < p; });
  s.held.insert(at, std::move(h));
}

bool remove(State &s, PlaceId p) {
  auto it = std::find_if(s.held.begin(), s.held.end(), [&](const Held &h) { return h.lock == p; });
  if (it == s.held.end())
    return false;
  s.held.erase(it);
  return true;
}

// Surely held on both: the intersection.  Possibly running: the union.
bool join(State &into, const State &from) {
  if (!from.reached)
    return false;
  if (!into.reached) {
    into = from;
    return true;
  }
  std::vector<Held> both;
  for (const Held &h : into.held)
    if (const Held *o = find(from, h.lock)) {
      both.push_back(h);
      both.back().shared = h.shared || o->shared;
    }
  std::set<PlaceId> dropped;
  std::set_intersection(into.dropped.begin(), into.dropped.end(), from.dropped.begin(), from.dropped.end(),
                        std::inserter(dropped, dropped.end()));
  bool changed = both.size() != into.held.size() || (into.live | from.live) != into.live ||
                 dropped.size() != into.dropped.size();
  into.held = std::move(both);
  into.dropped = std::move(dropped);
  into.live |= from.live;
  return changed;
}

LockSite through(const LockSite &site, const FunctionDecl *callee, SourceLocation at) {
  LockSite out = site;
  if (out.via.size() < kMaxVia)
    out.via.insert(out.via.begin(), LockCall{callee, at});
  return out;
}

std::uint64_t bitOf(int slot) { return slot < 0 ? 0 : std::uint64_t(1) << slot; }

class Walk {
public:
  Walk(Summaries &all, const ir::Skeleton &sk)
      : all_(all), P(all.skeletons().places()), sk_(sk), A(P, sk),
        constructor_(sk.function && isa<CXXConstructorDecl>(sk.function)) {}
  std::unique_ptr<Summary> run();

private:
  void transfer(State &s, const Event &e, std::uint32_t node, bool record);
  void lock(State &s, const std::vector<PlaceId> &locks, bool shared, SourceLocation loc, bool record);
  void unlock(State &s, PlaceId p, bool record);
  void call(State &s, const Event &e, std::uint32_t node, bool record);
  void spawn(State &s, const Event &e, std::uint32_t node, bool record);
  void lift(State &s, const Event &e, const clang::FunctionDecl *fd, const Event *closure, const Summary &from,
            std::uint32_t node, int parent, bool record);
  std::vector<const FunctionDecl *> targets(const Event &e, const Event *&closure);
  std::optional<PlaceId> map(PlaceId q, const Event &e, const Event *closure, bool canonical = true);
  void applyStores();
  bool mapEdge(Edge &ed, const Event &e, const Event *closure);
  void addEdge(Edge ed);
  void addAcquire(Held h);
  int slot(const Event *e, const FunctionDecl *fd, int k);
  std::uint64_t mapMask(std::uint64_t mask, const Event *e, const FunctionDecl *fd);
  std::vector<PlaceId> gates(const State &s, PlaceId except) const;
  void markLoops();

  Summaries &all_;
  ir::PlaceTable &P;
  const ir::Skeleton &sk_;
  Aliases A;
  const bool constructor_;
  Summary out_;
  std::vector<bool> inLoop_;
  std::map<std::tuple<const Event *, const FunctionDecl *, int>, int> slots_;
  std::map<PlaceId, int> threadObjects_; // a std::thread's place -> its slot
  std::map<int, std::vector<PlaceId>> slotSignals_; // a thread's slot -> what it signals
  std::set<PlaceId> signals_;
  std::map<std::tuple<PlaceId, PlaceId, bool, bool>, std::size_t> edgeIndex_;
  std::map<std::tuple<PlaceId, bool, bool>, std::size_t> acquireIndex_;
  std::set<PlaceId> released_;
};

// Nodes on a cycle: a spawn there starts many threads (Tarjan's SCCs).
void Walk::markLoops() {
  std::size_t n = sk_.nodes.size();
  inLoop_.assign(n, false);
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> onStack(n, false);
  std::vector<std::uint32_t> stack;
  int counter = 0;
  std::function<void(std::uint32_t)> visit = [&](std::uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    onStack[v] = true;
    for (std::uint32_t w : sk_.nodes[v].succs) {
      if (w == v)
        inLoop_[v] = true;
      if (index[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (onStack[w]) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      std::vector<std::uint32_t> scc;
      std::uint32_t w;
      do {
        w = stack.back();
        stack.pop_back();
        onStack[w] = false;
        scc.push_back(w);
      } while (w != v);
      if (scc.size() > 1)
        for (std::uint32_t x : scc)
          inLoop_[x] = true;
    }
  };
  for (std::uint32_t v = 0; v < n; ++v)
    if (index[v] < 0)
      visit(v);
}

int Walk::slot(const Event *e, const FunctionDecl *fd, int k) {
  auto key = std::make_tuple(e, fd, k);
  if (auto it = slots_.find(key); it != slots_.end())
    return it->second;
  int s = slots_.size() < kMaxThreads ? static_cast<int>(slots_.size()) : -1;
  slots_[key] = s;
  if (s >= 0)
    out_.threads.resize(s + 1);
  return s;
}

std::uint64_t Walk::mapMask(std::uint64_t mask, const Event *e, const FunctionDecl *fd) {
  std::uint64_t out = 0;
  for (int k = 0; k < static_cast<int>(kMaxThreads); ++k)
    if (mask & (std::uint64_t(1) << k))
      out |= bitOf(slot(e, fd, k));
  return out;
}

std::vector<PlaceId> Walk::gates(const State &s, PlaceId except) const {
  std::vector<PlaceId> out;
  for (const Held &h : s.held)
    if (h.lock != except && !h.shared)
      out.push_back(h.lock);
  return out;
}

void Walk::addEdge(Edge ed) {
  auto key = std::make_tuple(ed.held, ed.acquired, ed.heldShared, ed.acquiredShared);
  if (auto it = edgeIndex_.find(key); it != edgeIndex_.end()) {
    Edge &old = out_.edges[it->second];
    std::vector<PlaceId> both;
    for (PlaceId g : old.gates)
      if (std::find(ed.gates.begin(), ed.gates.end(), g) != ed.gates.end())
        both.push_back(g);
    old.gates = std::move(both);
    old.live |= ed.live;
    return;
  }
  if (out_.edges.size() >= kMaxEdges)
    return;
  edgeIndex_[key] = out_.edges.size();
  out_.edges.push_back(std::move(ed));
}

void Walk::addAcquire(Held h) {
  auto key = std::make_tuple(h.lock, h.shared, h.retaken);
  if (acquireIndex_.count(key) || out_.acquires.size() >= kMaxAcquires)
    return;
  acquireIndex_[key] = out_.acquires.size();
  out_.acquires.push_back(std::move(h));
}

void Walk::lock(State &s, const std::vector<PlaceId> &locks, bool shared, SourceLocation loc, bool record) {
  std::vector<PlaceId> fresh;
  for (PlaceId p : locks)
    if (!find(s, p) && std::find(fresh.begin(), fresh.end(), p) == fresh.end())
      fresh.push_back(p); // a lock held already is CH206's, not an order
  if (record)
    for (PlaceId p : fresh) {
      LockSite site{loc, {}};
      for (const Held &h : s.held)
        addEdge({h.lock, p, h.shared, shared, h.site, site, gates(s, h.lock), s.live});
      addAcquire({p, shared, site, s.dropped.count(p) > 0});
    }
  for (PlaceId p : fresh) {
    add(s, {p, shared, LockSite{loc, {}}});
    s.dropped.erase(p);
  }
}

void Walk::unlock(State &s, PlaceId p, bool record) {
  if (remove(s, p))
    return;
  switch (kindOf(P, p, constructor_)) {
  case Kind::Private:
    return;
  case Kind::Named:
    if (record)
      released_.insert(p);
    s.dropped.insert(p);
    return;
  case Kind::Opaque: { // it may be any of the held locks
    s.held.clear();
    // Through a parameter, `this` or a capture (a unique_lock passed by
    // reference), the caller can tell which lock it is.
    RootKind r = P.get(p).root.kind;
    if (r == RootKind::Param || r == RootKind::This || r == RootKind::Capture) {
      if (record)
        released_.insert(p);
      s.dropped.insert(p);
    } else if (record) {
      out_.releasesUnknown = true;
    }
    return;
  }
  }
}

std::vector<const FunctionDecl *> Walk::targets(const Event &e, const Event *&closure) {
  closure = e.callable != ir::kNoPlace ? A.closure(e.callable) : nullptr;
  if (!closure)
    for (const ir::Binding &b : e.args)
      if (b.param == ir::Binding::kThisParam)
        closure = A.closure(b.place);
  if (!e.callees.empty())
    return e.callees;
  return closure ? closure->callees : std::vector<const FunctionDecl *>{};
}

// A callee's place in this function's terms: its parameters, `this` and
// captures bound at the call; its own frame's locks are nobody else's.
std::optional<PlaceId> Walk::map(PlaceId q, const Event &e, const Event *closure, bool canonical) {
  const Place &pl = P.get(q);
  PlaceId base = ir::kNoPlace;
  switch (pl.root.kind) {
  case RootKind::Param:
  case RootKind::This: {
    std::uint32_t param = pl.root.kind == RootKind::This ? ir::Binding::kThisParam : pl.root.index;
    for (const ir::Binding &b : e.args)
      if (b.param == param)
        base = b.place;
    break;
  }
  case RootKind::Capture:
    if (closure)
      for (const ir::Binding &b : closure->args)
        if (b.param == pl.root.index)
          base = b.place;
    break;
  case RootKind::Global:
  case RootKind::Heap:
    return canonical ? A.canon(q) : q;
  default:
    if (kindOf(P, q, false) == Kind::Private)
      return std::nullopt;
    return q; // through a pointer of the callee's: known by its class only
  }
  if (base == ir::kNoPlace)
    return std::nullopt;
  PlaceId out = P.rebase(base, pl.steps);
  return canonical ? A.canon(out) : out;
}

// What callees store into our objects (a MutexLock constructor keeping its
// mutex) is known before the dataflow runs: the aliases take it first.
void Walk::applyStores() {
  for (const ir::Node &n : sk_.nodes)
    for (const Event &e : n.events) {
      if (e.kind != EventKind::Call || e.callees.size() != 1)
        continue;
      const Summary *cs = all_.get(e.callees.front());
      if (!cs)
        continue;
      for (const Summary::Store &st : cs->stores) {
        std::optional<PlaceId> dst = map(st.dst, e, nullptr, false), src = map(st.src, e, nullptr, false);
        if (dst && src)
          A.stored(*dst, *src, st.pointsTo);
      }
    }
  // Our own stores into `this`, for our callers.
  for (const ir::Node &n : sk_.nodes)
    for (const Event &e : n.events) {
      bool copy = e.kind == EventKind::Copy || e.kind == EventKind::Move;
      if ((!copy && e.kind != EventKind::AddrOf) || e.weak)
        continue;
      const Place &dst = P.get(e.dst);
      RootKind from = P.get(e.src).root.kind;
      if (dst.root.kind == RootKind::This && !dst.steps.empty() && from != RootKind::Local &&
          from != RootKind::Temp && from != RootKind::Return && out_.stores.size() < kMaxAcquires)
        out_.stores.push_back({e.dst, e.src, !copy});
    }
}

bool Walk::mapEdge(Edge &ed, const Event &e, const Event *closure) {
  std::optional<PlaceId> h = map(ed.held, e, closure), a = map(ed.acquired, e, closure);
  if (!h || !a || *h == *a)
    return false;
  ed.held = *h;
  ed.acquired = *a;
  std::vector<PlaceId> gs;
  for (PlaceId g : ed.gates)
    if (std::optional<PlaceId> m = map(g, e, closure))
      gs.push_back(*m);
  ed.gates = std::move(gs);
  return true;
}

// The threads a callee or a spawned body starts become ours: `parent` is
// the thread that runs the callee (-1: this function's own) and they overlap
// what runs here now when it is ours.
void Walk::lift(State &s, const Event &e, const FunctionDecl *fd, const Event *closure, const Summary &from,
                std::uint32_t node, int parent, bool record) {
  for (int k = 0; k < static_cast<int>(from.threads.size()); ++k) {
    int sl = slot(&e, fd, k);
    if (sl < 0)
      continue;
    const Thread &ct = from.threads[k];
    if (record) {
      Thread t;
      t.body = ct.body;
      t.startedAt = ct.startedAt;
      t.goroutine = ct.goroutine;
      t.parent = ct.parent >= 0 ? slot(&e, fd, ct.parent) : parent;
      t.many = ct.many || inLoop_[node];
      t.concurrent = mapMask(ct.concurrent, &e, fd) | out_.threads[sl].concurrent;
      if (t.parent < 0) {
        t.concurrent |= s.live;
        for (int i = 0; i < static_cast<int>(kMaxThreads); ++i)
          if (s.live & bitOf(i))
            out_.threads[i].concurrent |= bitOf(sl);
      }
      for (Edge ed : ct.edges)
        if (mapEdge(ed, e, closure)) {
          ed.live = mapMask(ed.live, &e, fd);
          t.edges.push_back(std::move(ed));
        }
      out_.threads[sl] = std::move(t);
    }
    // A spawned body's children may outlive it; a callee's only if it says so.
    if (ct.liveAtExit || parent >= 0)
      s.live |= bitOf(sl);
  }
}

void Walk::call(State &s, const Event &e, std::uint32_t node, bool record) {
  const Event *closure = nullptr;
  std::vector<const FunctionDecl *> callees = targets(e, closure);
  bool single = callees.size() == 1 && !e.mayNotRun;
  std::vector<Held> kept;
  for (const FunctionDecl *fd : callees) {
    const Summary *cs = all_.get(fd);
    if (!cs)
      continue;
    if (record) {
      // The locks it surely keeps: a lock it releases and takes again is
      // waited for while these are held.
      std::vector<PlaceId> heldThrough;
      if (!cs->releasesUnknown)
        for (const Held &h : s.held)
          if (std::none_of(cs->released.begin(), cs->released.end(), [&](PlaceId r) {
                std::optional<PlaceId> m = map(r, e, closure);
                return !m || *m == h.lock;
              }))
            heldThrough.push_back(h.lock);
      for (const Held &a : cs->acquires) {
        std::optional<PlaceId> m = map(a.lock, e, closure);
        if (!m)
          continue;
        LockSite site = through(a.site, fd, e.loc);
        bool retaken = a.retaken || s.dropped.count(*m) > 0;
        if (find(s, *m)) {
          if (!a.retaken)
            continue;
          for (const Held &h : s.held) {
            if (h.lock == *m || std::find(heldThrough.begin(), heldThrough.end(), h.lock) == heldThrough.end())
              continue;
            std::vector<PlaceId> others;
            for (PlaceId g : gates(s, h.lock))
              if (g != *m && std::find(heldThrough.begin(), heldThrough.end(), g) != heldThrough.end())
                others.push_back(g);
            addEdge({h.lock, *m, h.shared, a.shared, h.site, site, std::move(others), s.live});
          }
          continue;
        }
        for (const Held &h : s.held)
          addEdge({h.lock, *m, h.shared, a.shared, h.site, site, gates(s, h.lock), s.live});
        addAcquire({*m, a.shared, site, retaken});
      }
      for (Edge ed : cs->edges) {
        if (!mapEdge(ed, e, closure))
          continue;
        for (PlaceId g : gates(s, ir::kNoPlace))
          if (std::find(ed.gates.begin(), ed.gates.end(), g) == ed.gates.end())
            ed.gates.push_back(g);
        ed.live = s.live | mapMask(ed.live, &e, fd);
        ed.heldAt = through(ed.heldAt, fd, e.loc);
        ed.acquiredAt = through(ed.acquiredAt, fd, e.loc);
        addEdge(std::move(ed));
      }
    }
    // Its threads become this function's, started here.
    lift(s, e, fd, closure, *cs, node, -1, record);
    if (record)
      for (PlaceId d : cs->signals)
        if (std::optional<PlaceId> m = map(d, e, closure))
          signals_.insert(*m);
    if (cs->releasesUnknown)
      s.held.clear();
    for (PlaceId r : cs->released) {
      std::optional<PlaceId> m = map(r, e, closure);
      if (!m)
        s.held.clear();
      else
        unlock(s, *m, record);
    }
    if (single)
      for (const Held &h : cs->heldAtExit)
        if (std::optional<PlaceId> m = map(h.lock, e, closure))
          kept.push_back({*m, h.shared, through(h.site, fd, e.loc)});
  }
  for (Held &h : kept) {
    s.dropped.erase(h.lock);
    add(s, std::move(h));
  }
}

void Walk::spawn(State &s, const Event &e, std::uint32_t node, bool record) {
  const Event *closure = nullptr;
  for (const FunctionDecl *fd : targets(e, closure)) {
    const Summary *bs = all_.get(fd);
    int self = bs ? slot(&e, fd, -1) : -1;
    if (self < 0)
      continue;
    if (e.dst != ir::kNoPlace)
      threadObjects_[A.canon(e.dst)] = self;
    for (PlaceId d : bs->signals)
      if (std::optional<PlaceId> m = map(d, e, closure))
        slotSignals_[self].push_back(*m);
    if (record) {
      Thread t;
      t.body = fd;
      t.startedAt = e.loc;
      t.goroutine = e.dst == ir::kNoPlace;
      t.many = inLoop_[node];
      t.concurrent = s.live;
      for (int i = 0; i < static_cast<int>(kMaxThreads); ++i)
        if (s.live & bitOf(i))
          out_.threads[i].concurrent |= bitOf(self);
      for (Edge ed : bs->edges)
        if (mapEdge(ed, e, closure)) {
          ed.live = mapMask(ed.live, &e, fd);
          t.edges.push_back(std::move(ed));
        }
      t.concurrent |= out_.threads[self].concurrent;
      out_.threads[self] = std::move(t);
    }
    s.live |= bitOf(self);
    // The threads the body starts: children of this one.
    lift(s, e, fd, closure, *bs, node, self, record);
  }
}

void Walk::transfer(State &s, const Event &e, std::uint32_t node, bool record) {
  switch (e.kind) {
  case EventKind::Lock:
    return lock(s, {A.canon(e.src)}, e.shared, e.loc, record);
  case EventKind::LockAll: {
    // std::lock / scoped_lock: deadlock-free among themselves.  A
    // unique_lock argument stands for the lock it refers to.
    std::vector<PlaceId> locks;
    for (PlaceId p : e.places) {
      PlaceId viaGuard = A.canon(P.child(P.child(p, {StepKind::Lock}), {StepKind::Deref}));
      locks.push_back(kindOf(P, viaGuard, false) != Kind::Opaque ? viaGuard : A.canon(p));
    }
    return lock(s, locks, false, e.loc, record);
  }
  case EventKind::Unlock:
    return unlock(s, A.canon(e.src), record);
  case EventKind::Call:
    if (e.summarised)
      return; // lifecycle only: the unseen callee's effects are the events before
    return call(s, e, node, record);
  case EventKind::Go:
    if (e.summarised)
      return; // lifecycle only, as for a call
    return spawn(s, e, node, record);
  case EventKind::Join:
    if (auto it = threadObjects_.find(A.canon(e.src)); it != threadObjects_.end())
      s.live &= ~bitOf(it->second);
    return;
  case EventKind::WgDone:
  case EventKind::Send:
  case EventKind::Close:
    if (record)
      signals_.insert(A.canon(e.src));
    return;
  case EventKind::WgWait:
  case EventKind::Recv:
  case EventKind::RecvOk:
  case EventKind::RangeNext: {
    // The threads that signal this WaitGroup or channel have signalled:
    // their orders are behind us (a done() or a close is usually their last
    // step; taking a send for the end only hides concurrency, never adds it).
    PlaceId on = A.canon(e.src);
    for (const auto &[slot, signals] : slotSignals_)
      if (std::find(signals.begin(), signals.end(), on) != signals.end())
        s.live &= ~bitOf(slot);
    return;
  }
  default:
    return;
  }
}

std::unique_ptr<Summary> Walk::run() {
  applyStores();
  markLoops();
  std::size_t n = sk_.nodes.size();
  std::vector<State> in(n);
  in[0].reached = true;
  // The state on the way to successor i of node v (a try_lock that
  // succeeded holds its lock on its true branch).
  auto leaving = [&](std::uint32_t v, const State &out, std::size_t i) {
    State t = out;
    const ir::Node &node = sk_.nodes[v];
    if (i == 0 && !node.events.empty() && node.events.back().kind == EventKind::TryLock &&
        node.cond.kind == ir::Condition::Kind::Bool && node.cond.place == node.events.back().dst) {
      const Event &e = node.events.back();
      add(t, {A.canon(e.src), e.shared, LockSite{e.loc, {}}});
    }
    return t;
  };
  std::vector<std::uint32_t> work = {0};
  std::vector<bool> queued(n, false);
  queued[0] = true;
  unsigned rounds = 0;
  while (!work.empty() && ++rounds < 200000) {
    std::uint32_t v = work.back();
    work.pop_back();
    queued[v] = false;
    State s = in[v];
    for (const Event &e : sk_.nodes[v].events)
      transfer(s, e, v, false);
    for (std::size_t i = 0; i < sk_.nodes[v].succs.size(); ++i) {
      std::uint32_t w = sk_.nodes[v].succs[i];
      if (join(in[w], leaving(v, s, i)) && !queued[w]) {
        queued[w] = true;
        work.push_back(w);
      }
    }
  }
  State atExit;
  for (std::uint32_t v = 0; v < n; ++v) {
    if (!in[v].reached)
      continue;
    State s = in[v];
    for (const Event &e : sk_.nodes[v].events)
      transfer(s, e, v, true);
    if (v == sk_.exit)
      atExit = s;
  }
  // A function that itself takes two locks in both orders, on different
  // branches, picks the order from data (lower id or address first): a
  // discipline the analysis cannot judge, so neither order is kept.  On one
  // path (B taken while A is held, then A dropped and taken again while B
  // still is) both orders are real.
  std::map<std::pair<PlaceId, PlaceId>, const Edge *> own;
  std::set<std::pair<PlaceId, PlaceId>> chosen;
  for (const Edge &e : out_.edges)
    if (e.heldAt.via.empty() && e.acquiredAt.via.empty())
      own.try_emplace({e.held, e.acquired}, &e);
  for (const auto &[ab, x] : own) {
    auto back = own.find({ab.second, ab.first});
    if (back == own.end())
      continue;
    const Edge *y = back->second;
    bool onePath = x->acquiredAt.loc == y->heldAt.loc || y->acquiredAt.loc == x->heldAt.loc;
    if (!onePath)
      chosen.insert(ab);
  }
  out_.edges.erase(std::remove_if(out_.edges.begin(), out_.edges.end(),
                                  [&](const Edge &e) { return chosen.count({e.held, e.acquired}) > 0; }),
                   out_.edges.end());
  out_.heldAtExit = atExit.held;
  if (constructor_) {
    auto own = [&](PlaceId p) { return kindOf(P, p, true) == Kind::Private; };
    std::erase_if(out_.edges, [&](const Edge &e) { return own(e.held) || own(e.acquired); });
    std::erase_if(out_.acquires, [&](const Held &h) { return own(h.lock); });
    std::erase_if(out_.heldAtExit, [&](const Held &h) { return own(h.lock); });
  }
  out_.released.assign(released_.begin(), released_.end());
  out_.signals.assign(signals_.begin(), signals_.end());
  for (int i = 0; i < static_cast<int>(out_.threads.size()); ++i)
    out_.threads[i].liveAtExit = (atExit.live & bitOf(i)) != 0;
  return std::make_unique<Summary>(std::move(out_));
}

} // namespace

std::unique_ptr<Summary> summarise(Summaries &all, const ir::Skeleton &sk) {
  return Walk(all, sk).run();
}

} // namespace chcheck::locks
