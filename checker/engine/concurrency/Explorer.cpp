// The concurrency explorer: for each region (a function that starts
// goroutines and everything it and they call), a breadth-first search of
// the abstract machine's states.  A state in which no goroutine can move,
// or in which main has returned, is judged: who is blocked forever, and
// why (no partner left, a cycle of waits, a lock held by the waiter
// itself).  A judgement holds on every execution when every path of the
// state graph reaches it, on some otherwise.
#include "Explorer.h"

#include "Interp.h"
#include "../skeleton/Reach.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

using namespace clang;

namespace chcheck::concurrency {

using ir::bit;
using ir::KindSet;
using ir::kAllKinds;

using ir::Event;
using ir::EventKind;

namespace {

struct Signature {
  BlockingFact::Kind kind;
  unsigned loc; // raw SourceLocation
  std::string rule; // panics: which
  friend auto operator<=>(const Signature &, const Signature &) = default;
};

struct Judgement {
  Signature sig;
  BlockingFact fact; // without the witness
};

class Search {
public:
  Search(Interp &interp, ir::Reach &reach, ASTContext &ctx, const FunctionDecl *root, std::uint64_t budget)
      : I(interp), R(reach), ctx_(ctx), root_(root), budget_(budget),
        rootIsMain_(root->isMain()) {}

  bool run();
  void facts(std::vector<BlockingFact> &out);
  std::uint64_t states() const { return states_.size(); }

private:
  std::uint32_t add(MachineState s, std::uint32_t parent, std::vector<Step> steps);
  bool ended(const MachineState &s) const;
  void judge(std::uint32_t state);
  void judgeAddRaces(std::uint32_t state);
  // What a goroutine may still do: operations on known objects, and kinds
  // of operation on objects we cannot tell (in callees, through unknowns).
  struct Remaining {
    KindSet anyObject = 0;
    std::set<std::pair<EventKind, std::uint64_t>> onObject;
    bool can(EventKind k, std::optional<std::uint64_t> object) const {
      return (anyObject & bit(k)) || !object || onObject.count({k, *object});
    }
  };
  Remaining remaining(const MachineState &s, std::uint32_t g);
  std::vector<std::uint32_t> holders(const MachineState &s, AddrId lock) const;
  BlockingFact describeBlocked(const MachineState &s, std::uint32_t g, BlockingFact::Kind kind);
  std::string threadName(const MachineState &s, std::uint32_t g) const;
  void witness(std::uint32_t state, BlockingFact &f, const std::vector<std::uint32_t> &blocked);
  bool inevitable(const std::set<std::uint32_t> &targets) const;
  std::size_t arrival(std::uint32_t state, std::uint32_t g) const;

  Interp &I;
  ir::Reach &R;
  ASTContext &ctx_;
  const FunctionDecl *root_;
  std::uint64_t budget_;
  bool rootIsMain_;

  std::vector<MachineState> states_;
  std::vector<std::uint32_t> parent_;
  std::vector<std::vector<Step>> via_;
  std::vector<std::vector<std::uint32_t>> succs_;
  std::vector<bool> expanded_;
  std::unordered_map<std::size_t, std::vector<std::uint32_t>> index_;
  std::map<Signature, std::pair<BlockingFact, std::set<std::uint32_t>>> found_;
  std::map<std::uint32_t, std::vector<std::uint32_t>> blockedAt_; // judged state -> blocked goroutines
};

std::uint32_t Search::add(MachineState s, std::uint32_t parent, std::vector<Step> steps) {
  I.canonicalize(s);
  std::size_t h = hashState(s);
  auto &bucket = index_[h];
  for (std::uint32_t i : bucket)
    if (states_[i] == s)
      return i;
  std::uint32_t id = static_cast<std::uint32_t>(states_.size());
  states_.push_back(std::move(s));
  parent_.push_back(parent);
  via_.push_back(std::move(steps));
  succs_.emplace_back();
  expanded_.push_back(false);
  bucket.push_back(id);
  return id;
}

// A panic ends the program.  main returning does too, but the goroutines
// it leaves are judged as a leak checker at exit would: by whether they
// could ever finish, so the search lets them run on.
bool Search::ended(const MachineState &s) const {
  for (const Goroutine &g : s.goroutines)
    if (g.status == Goroutine::Status::Panicked)
      return true;
  return false;
}

bool Search::run() {
  MachineState init = I.initial(root_);
  if (init.goroutines.empty() || I.budgetExceeded())
    return false;
  add(std::move(init), ~0u, {});
  std::deque<std::uint32_t> queue = {0};
  while (!queue.empty()) {
    std::uint32_t i = queue.front();
    queue.pop_front();
    if (states_.size() > budget_ || I.budgetExceeded())
      return false;
    expanded_[i] = true;
    if (ended(states_[i])) {
      judge(i);
      continue;
    }
    judgeAddRaces(i);
    std::vector<Successor> next = I.successors(states_[i]);
    if (I.budgetExceeded())
      return false;
    if (next.empty()) {
      judge(i);
      continue;
    }
    for (Successor &n : next) {
      if (n.panic) {
        Goroutine &g = n.state.goroutines[n.panic->goroutine];
        g.status = Goroutine::Status::Panicked;
      }
      std::size_t before = states_.size();
      std::optional<Panic> panic = n.panic;
      std::uint32_t j = add(std::move(n.state), i, std::move(n.steps));
      succs_[i].push_back(j);
      if (states_.size() == before)
        continue;
      if (panic) {
        expanded_[j] = true;
        BlockingFact f;
        f.kind = BlockingFact::Kind::Panic;
        f.panicRule = panic->rule;
        f.panicMessage = panic->message;
        f.loc = panic->loc;
        f.otherLoc = panic->otherLoc;
        f.otherGoroutine = panic->otherGoroutine != ~0u && panic->otherGoroutine != panic->goroutine;
        f.thread = panic->goroutine;
        if (const Event *e = I.nextEvent(states_[i], panic->goroutine)) {
          f.op = e->kind;
          f.what = I.describe(*e);
          f.subject = f.what.find('\'') != std::string::npos
                          ? f.what.substr(f.what.find('\'') + 1, f.what.rfind('\'') - f.what.find('\'') - 1)
                          : std::string();
        }
        Signature sig{f.kind, f.loc.getRawEncoding(), f.panicRule};
        auto &entry = found_[sig];
        if (entry.second.empty()) {
          entry.first = f;
          blockedAt_[j] = {panic->goroutine};
        }
        entry.second.insert(j);
        continue;
      }
      queue.push_back(j);
    }
  }
  return true;
}

Search::Remaining Search::remaining(const MachineState &s, std::uint32_t g) {
  Remaining r;
  for (const Frame &f : s.goroutines[g].stack) {
    // From the frame's next event on: the events of its node before that
    // are done, unless a loop comes back to them.
    std::vector<bool> seen(f.sk->nodes.size(), false);
    std::vector<std::uint32_t> work = {f.node};
    bool resumed = false; // the current node's first visit is done
    while (!work.empty()) {
      std::uint32_t n = work.back();
      work.pop_back();
      std::size_t first = n == f.node && !resumed ? f.event : 0;
      if (n == f.node)
        resumed = true;
      const auto &events = f.sk->nodes[n].events;
      for (std::size_t i = first; i < events.size(); ++i) {
        const Event &e = events[i];
        switch (e.kind) {
        case EventKind::Call:
        case EventKind::Go:
          if (e.callees.empty())
            r.anyObject = kAllKinds;
          for (const FunctionDecl *fd : e.callees)
            if (const ir::Skeleton *callee = I.skeletons().get(fd))
              r.anyObject |= R.from(callee, 0) & ir::kUnseenCode ? ir::kAllKinds : R.from(callee, 0);
          break;
        case EventKind::Select:
          for (const ir::SelectCase &c : e.cases) {
            EventKind k = c.isSend ? EventKind::Send : EventKind::Recv;
            if (auto t = I.target(s, f, e, c.channel))
              r.onObject.insert({k, *t});
            else
              r.anyObject |= bit(k);
          }
          break;
        case EventKind::LockAll:
          for (PlaceId p : e.places)
            if (auto t = I.target(s, f, e, p))
              r.onObject.insert({EventKind::Unlock, *t});
          break;
        default:
          if (e.src == ir::kNoPlace)
            break;
          if (auto t = I.target(s, f, e, e.src))
            r.onObject.insert({e.kind, *t});
          else
            r.anyObject |= bit(e.kind);
        }
      }
      for (std::uint32_t next : f.sk->nodes[n].succs)
        if (!seen[next]) {
          seen[next] = true;
          work.push_back(next);
        }
    }
  }
  return r;
}

std::vector<std::uint32_t> Search::holders(const MachineState &s, AddrId lock) const {
  std::vector<std::uint32_t> out;
  auto it = s.locks.find(lock);
  if (it == s.locks.end())
    return out;
  if (it->second.owner)
    out.push_back(it->second.owner - 1);
  for (std::uint32_t r : it->second.readers)
    out.push_back(r);
  if (it->second.writerWaiting)
    out.push_back(it->second.writerWaiting - 1);
  return out;
}

std::string Search::threadName(const MachineState &s, std::uint32_t g) const {
  const Goroutine &gr = s.goroutines[g];
  if (g == 0)
    return rootIsMain_ ? "main" : "'" + root_->getNameAsString() + "'";
  const SourceManager &sm = ctx_.getSourceManager();
  std::string where = gr.spawnLoc.isValid() ? std::to_string(sm.getPresumedLineNumber(sm.getFileLoc(gr.spawnLoc)))
                                            : std::string("?");
  if (gr.timer && !gr.cancels)
    return "the timer made at line " + where;
  return std::string("the ") + (gr.noun ? gr.noun : "goroutine") + " started at line " + where;
}

BlockingFact Search::describeBlocked(const MachineState &s, std::uint32_t g, BlockingFact::Kind kind) {
  BlockingFact f;
  f.kind = kind;
  f.thread = g;
  const Event *e = I.nextEvent(s, g);
  if (!e)
    return f;
  f.op = e->kind;
  f.loc = e->loc;
  f.what = I.describe(*e);
  f.function = s.goroutines[g].stack.back().sk->function;
  std::size_t q = f.what.find('\'');
  if (q != std::string::npos)
    f.subject = f.what.substr(q + 1, f.what.rfind('\'') - q - 1);
  for (const ir::SelectCase &c : e->cases)
    (c.isSend ? f.selectSends : f.selectReceives) = true;
  return f;
}

void Search::judge(std::uint32_t i) {
  const MachineState &s = states_[i];
  if (ended(s))
    return; // a panic: judged where it happens
  // Nothing can move: every running goroutine is blocked for good.
  std::vector<std::uint32_t> blocked;
  for (std::uint32_t g = 0; g < s.goroutines.size(); ++g) {
    const Goroutine &gr = s.goroutines[g];
    if (gr.status != Goroutine::Status::Running || gr.timer)
      continue;
    const Event *e = I.nextEvent(s, g);
    if (!e)
      continue;
    // A send or receive on a nil channel blocks by definition: that is
    // CH104's finding, not a leak of this search's making.
    bool onChannel = e->kind == EventKind::Send || e->kind == EventKind::Recv || e->kind == EventKind::RecvOk ||
                     e->kind == EventKind::RangeNext;
    if (onChannel && I.channelOf(s, g, e->src).kind == Value::Kind::Null)
      continue;
    blocked.push_back(g);
  }
  if (blocked.empty())
    return;
  // Who could still unblock whom: goroutines that may still perform a
  // matching operation on the same object, and the holders of a lock.
  std::map<std::uint32_t, std::vector<std::uint32_t>> edges;
  std::vector<std::pair<std::uint32_t, BlockingFact::Kind>> relocks;
  std::map<std::uint32_t, Remaining> futures;
  for (std::uint32_t h = 0; h < s.goroutines.size(); ++h)
    if (s.goroutines[h].status == Goroutine::Status::Running && !s.goroutines[h].timer)
      futures[h] = remaining(s, h);
  for (std::uint32_t g : blocked) {
    const Frame *top = nullptr;
    const Event &e = *I.nextEvent(s, g);
    top = &s.goroutines[g].stack.back();
    // (kind another goroutine must do, on which object)
    std::vector<std::pair<EventKind, std::optional<std::uint64_t>>> wants;
    auto wantOn = [&](std::initializer_list<EventKind> kinds, PlaceId place) {
      std::optional<std::uint64_t> t = I.target(s, *top, e, place);
      for (EventKind k : kinds)
        wants.emplace_back(k, t);
    };
    std::vector<std::uint32_t> lockHolders;
    switch (e.kind) {
    // A blocked send ends when a receiver comes, or when the channel is
    // closed (it then panics): a goroutine that would close it is a partner.
    case EventKind::Send:
      wantOn({EventKind::Recv, EventKind::RecvOk, EventKind::RangeNext, EventKind::Close}, e.src);
      break;
    case EventKind::Recv:
    case EventKind::RecvOk:
    case EventKind::RangeNext:
      wantOn({EventKind::Send, EventKind::Close}, e.src);
      break;
    case EventKind::Select:
      for (const ir::SelectCase &c : e.cases) {
        if (c.isSend)
          wantOn({EventKind::Recv, EventKind::RecvOk, EventKind::RangeNext, EventKind::Close}, c.channel);
        else
          wantOn({EventKind::Send, EventKind::Close}, c.channel);
      }
      break;
    case EventKind::WgWait:
      wantOn({EventKind::WgDone, EventKind::WgAdd}, e.src);
      break;
    case EventKind::CondWait:
      if (!s.goroutines[g].condSignalled) {
        wantOn({EventKind::CondSignal, EventKind::CondBroadcast}, e.src);
        break;
      }
      [[fallthrough]];
    case EventKind::Lock:
    case EventKind::LockAll: {
      std::vector<PlaceId> locks;
      if (e.kind == EventKind::LockAll)
        locks = e.places;
      else if (e.kind == EventKind::CondWait)
        locks.push_back(I.skeletons().places().child(
            I.skeletons().places().child(e.src, {ir::StepKind::Lock, nullptr}), {ir::StepKind::Deref, nullptr}));
      else
        locks.push_back(e.src);
      for (PlaceId p : locks) {
        AddrId a = I.storageOf(s, g, p);
        if (a == ~0u)
          continue;
        auto it = s.locks.find(a);
        if (e.kind == EventKind::Lock && it != s.locks.end() && !e.recursive) {
          const LockState &l = it->second;
          bool readsIt = std::find(l.readers.begin(), l.readers.end(), g) != l.readers.end();
          if (!e.shared && (l.owner == g + 1 || readsIt))
            relocks.emplace_back(g, BlockingFact::Kind::Relock);
          else if (e.shared && readsIt && l.writerWaiting && l.writerWaiting != g + 1)
            relocks.emplace_back(g, BlockingFact::Kind::ReadRelock);
        }
        for (std::uint32_t h : holders(s, a))
          if (h != g)
            lockHolders.push_back(h);
      }
      break;
    }
    case EventKind::Join: {
      Value v = I.channelOf(s, g, e.src);
      if (v.kind == Value::Kind::Object && v.obj < s.objects.size())
        lockHolders.push_back(s.objects[v.obj].goroutine);
      break;
    }
    default:
      break;
    }
    for (auto &[h, future] : futures) {
      if (h == g)
        continue;
      bool could = std::find(lockHolders.begin(), lockHolders.end(), h) != lockHolders.end();
      for (auto &[k, object] : wants)
        could = could || future.can(k, object);
      if (could)
        edges[g].push_back(h);
    }
  }
  std::vector<Judgement> judgements;
  std::set<std::uint32_t> explained;
  for (auto &[g, kind] : relocks) {
    judgements.push_back({{kind, I.nextEvent(s, g)->loc.getRawEncoding(), ""}, describeBlocked(s, g, kind)});
    explained.insert(g);
  }
  // Cycles: strongly connected sets of blocked goroutines.
  std::set<std::uint32_t> blockedSet(blocked.begin(), blocked.end());
  std::map<std::uint32_t, int> comp;
  {
    std::map<std::uint32_t, int> index, low;
    std::vector<std::uint32_t> stack;
    std::set<std::uint32_t> on;
    int counter = 0, comps = 0;
    std::function<void(std::uint32_t)> strong = [&](std::uint32_t v) {
      index[v] = low[v] = counter++;
      stack.push_back(v);
      on.insert(v);
      for (std::uint32_t w : edges[v]) {
        if (!blockedSet.count(w))
          continue;
        if (!index.count(w)) {
          strong(w);
          low[v] = std::min(low[v], low[w]);
        } else if (on.count(w)) {
          low[v] = std::min(low[v], index[w]);
        }
      }
      if (low[v] == index[v]) {
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on.erase(w);
          comp[w] = comps;
        } while (w != v);
        ++comps;
      }
    };
    for (std::uint32_t g : blocked)
      if (!index.count(g))
        strong(g);
  }
  std::map<int, std::vector<std::uint32_t>> members;
  for (std::uint32_t g : blocked)
    if (!explained.count(g))
      members[comp[g]].push_back(g);
  for (auto &[c, gs] : members) {
    if (gs.size() < 2)
      continue;
    // The finding sits at the wait a blocked partner makes impossible: a
    // lock whose holder is blocked, else a send, else a WaitGroup wait,
    // else a receive; between two of a kind, one whose partners in the
    // cycle were all waiting already when it came to its wait.
    auto rank = [&](std::uint32_t g) {
      EventKind k = I.nextEvent(s, g)->kind;
      if (k == EventKind::Lock || k == EventKind::LockAll)
        return 0;
      if (k == EventKind::Send || (k == EventKind::Select && describeBlocked(s, g, {}).selectSends))
        return 1;
      if (k == EventKind::WgWait)
        return 2;
      return 3;
    };
    std::set<std::uint32_t> inCycle(gs.begin(), gs.end());
    auto cameLast = [&](std::uint32_t g) {
      std::size_t mine = arrival(i, g);
      for (std::uint32_t h : edges[g])
        if (inCycle.count(h) && arrival(i, h) >= mine)
          return false;
      return true;
    };
    std::uint32_t primary = *std::min_element(gs.begin(), gs.end(), [&](std::uint32_t a, std::uint32_t b) {
      int ra = rank(a), rb = rank(b);
      if (ra != rb)
        return ra < rb;
      bool la = cameLast(a), lb = cameLast(b);
      if (la != lb)
        return la;
      return I.nextEvent(s, a)->loc.getRawEncoding() < I.nextEvent(s, b)->loc.getRawEncoding();
    });
    BlockingFact f = describeBlocked(s, primary, BlockingFact::Kind::Cycle);
    f.lockPair = gs.size() == 2 && std::all_of(gs.begin(), gs.end(), [&](std::uint32_t g) {
                   return I.nextEvent(s, g)->kind == EventKind::Lock;
                 });
    for (std::uint32_t g : gs)
      for (std::uint32_t h : edges[g])
        if (inCycle.count(h))
          f.waits.push_back({g, h, I.nextEvent(s, g)->loc, I.describe(*I.nextEvent(s, g))});
    judgements.push_back({{BlockingFact::Kind::Cycle, f.loc.getRawEncoding(), ""}, std::move(f)});
    explained.insert(gs.begin(), gs.end());
  }
  // Goroutines nobody can unblock.
  for (std::uint32_t g : blocked)
    if (!explained.count(g) && edges[g].empty())
      judgements.push_back({{BlockingFact::Kind::Blocked, I.nextEvent(s, g)->loc.getRawEncoding(), ""},
                            describeBlocked(s, g, BlockingFact::Kind::Blocked)});
  for (Judgement &j : judgements) {
    auto &entry = found_[j.sig];
    if (entry.second.empty()) {
      entry.first = std::move(j.fact);
      blockedAt_[i] = blocked;
    }
    entry.second.insert(i);
  }
}

// Go's rule for WaitGroups: an add() that starts from a zero counter must
// happen before the wait() it is meant for.  A state where one goroutine is
// about to wait on a group at zero (it would return at once) while another
// is about to add to it has both orders one step away: the wait may return
// before the work it should wait for has even been counted.  Adds while the
// counter is positive (a worker counting its own children) are fine.
void Search::judgeAddRaces(std::uint32_t i) {
  const MachineState &s = states_[i];
  auto live = [&](std::uint32_t g) {
    return s.goroutines[g].status == Goroutine::Status::Running && !s.goroutines[g].timer;
  };
  for (std::uint32_t g = 0; g < s.goroutines.size(); ++g) {
    const Event *wait = live(g) ? I.nextEvent(s, g) : nullptr;
    if (!wait || wait->kind != EventKind::WgWait)
      continue;
    AddrId group = I.storageOf(s, g, wait->src);
    if (group == ~0u)
      continue;
    if (auto it = s.groups.find(group); it != s.groups.end() && (it->second.escaped || it->second.counter != 0))
      continue;
    for (std::uint32_t h = 0; h < s.goroutines.size(); ++h) {
      const Event *add = h != g && live(h) ? I.nextEvent(s, h) : nullptr;
      if (!add || add->kind != EventKind::WgAdd || !add->known || add->value <= 0 ||
          I.storageOf(s, h, add->src) != group)
        continue;
      BlockingFact f = describeBlocked(s, h, BlockingFact::Kind::AddRace);
      f.otherLoc = wait->loc;
      f.otherGoroutine = true;
      f.otherThread = g;
      auto &entry = found_[{f.kind, f.loc.getRawEncoding(), "CH205"}];
      if (entry.second.empty()) {
        entry.first = std::move(f);
        blockedAt_[i] = {g, h}; // the wait first: the add note refers to it
      }
      entry.second.insert(i);
    }
  }
}

// Whether a goroutine stands where it stood (frame numbers aside).
static bool samePosition(const Goroutine &a, const Goroutine &b) {
  if (a.status != b.status || a.stack.size() != b.stack.size() || a.condSignalled != b.condSignalled ||
      (a.condWaiting == ~0u) != (b.condWaiting == ~0u))
    return false;
  for (std::size_t i = 0; i < a.stack.size(); ++i)
    if (a.stack[i].sk != b.stack[i].sk || a.stack[i].node != b.stack[i].node || a.stack[i].event != b.stack[i].event)
      return false;
  return true;
}

// How far along the search's path to `state` goroutine g last changed
// (was started, or moved): when it arrived where it stands.
std::size_t Search::arrival(std::uint32_t state, std::uint32_t g) const {
  std::vector<std::uint32_t> chain;
  for (std::uint32_t i = state; i != ~0u; i = parent_[i])
    chain.push_back(i);
  for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
    const MachineState &after = states_[chain[k]], &before = states_[chain[k + 1]];
    if (g >= before.goroutines.size() || !samePosition(before.goroutines[g], after.goroutines[g]))
      return chain.size() - 1 - k;
  }
  return 0;
}

// Whether every path from the initial state reaches one of `targets`.
bool Search::inevitable(const std::set<std::uint32_t> &targets) const {
  std::vector<bool> good(states_.size(), false);
  for (std::uint32_t t : targets)
    good[t] = true;
  for (bool changed = true; changed;) {
    changed = false;
    for (std::uint32_t i = 0; i < states_.size(); ++i) {
      if (good[i] || !expanded_[i] || succs_[i].empty())
        continue;
      bool all = true;
      for (std::uint32_t j : succs_[i])
        all &= good[j];
      if (all) {
        good[i] = true;
        changed = true;
      }
    }
  }
  return good[0];
}

// What the witness says of a goroutine where the judged state finds it.
static const char *stopWords(BlockingFact::Kind kind, EventKind op) {
  switch (kind) {
  case BlockingFact::Kind::Panic: return "panics here";
  case BlockingFact::Kind::AddRace:
    return op == EventKind::WgWait ? "may return here at once, the counter being 0"
                                   : "adds here: before or after that wait returns";
  default: return "blocks here, forever";
  }
}

void Search::witness(std::uint32_t state, BlockingFact &f, const std::vector<std::uint32_t> &blocked) {
  std::vector<std::uint32_t> chain;
  for (std::uint32_t i = state; i != ~0u; i = parent_[i])
    chain.push_back(i);
  std::reverse(chain.begin(), chain.end());
  const MachineState &s = states_[state];
  // A goroutine's slot may be taken by a new one once it has finished
  // (Interp::freeSlot): a witness thread is a slot and its occupant, named
  // from a state in which that occupant runs.
  using Occupant = std::pair<std::uint32_t, std::uint32_t>; // slot, generation
  std::vector<std::uint32_t> generation;
  std::map<Occupant, std::uint32_t> namedFrom; // occupant -> a state it runs in
  std::map<Occupant, std::uint32_t> threadOf;
  auto thread = [&](std::uint32_t g) {
    Occupant who{g, g < generation.size() ? generation[g] : 0};
    auto [it, inserted] = threadOf.try_emplace(who, static_cast<std::uint32_t>(f.threads.size()));
    if (inserted) {
      auto from = namedFrom.find(who);
      const MachineState &in = from == namedFrom.end() ? s : states_[from->second];
      WitnessThread t;
      t.name = threadName(in, g);
      if (g < in.goroutines.size() && in.goroutines[g].noun)
        f.threadNoun = in.goroutines[g].noun;
      t.startedAt = g < in.goroutines.size() ? in.goroutines[g].spawnLoc : SourceLocation();
      if (t.startedAt.isValid())
        t.steps.push_back({t.startedAt, "is started here", it->second});
      f.threads.push_back(std::move(t));
    }
    return it->second;
  };
  // First pass: the occupants and where each runs.
  auto track = [&](const MachineState *before, const MachineState &after, std::uint32_t id) {
    if (generation.size() < after.goroutines.size())
      generation.resize(after.goroutines.size(), 0);
    for (std::uint32_t g = 0; g < after.goroutines.size(); ++g) {
      if (before && g < before->goroutines.size() &&
          before->goroutines[g].status == Goroutine::Status::Done &&
          after.goroutines[g].status != Goroutine::Status::Done)
        ++generation[g];
      if (after.goroutines[g].status != Goroutine::Status::Done)
        namedFrom.try_emplace({g, generation[g]}, id);
    }
  };
  for (std::size_t k = 0; k < chain.size(); ++k)
    track(k ? &states_[chain[k - 1]] : nullptr, states_[chain[k]], chain[k]);
  // The blocked goroutines, the waits and the finding's own thread are the
  // final state's occupants: the finding's thread first.
  std::uint32_t mainThread = thread(f.thread);
  std::vector<std::uint32_t> finalGeneration = generation;
  // Second pass: the steps, each by the occupant of its slot at the time.
  generation.clear();
  for (std::size_t k = 0; k < chain.size(); ++k) {
    track(k ? &states_[chain[k - 1]] : nullptr, states_[chain[k]], chain[k]);
    for (const Step &st : via_[chain[k]]) {
      std::uint32_t t = thread(st.goroutine);
      WitnessStep w{st.loc, st.what, t};
      f.threads[t].steps.push_back(w);
      f.interleaving.push_back(w);
    }
  }
  generation = finalGeneration;
  for (std::uint32_t g : blocked) {
    std::uint32_t t = thread(g);
    if (const Event *e = I.nextEvent(s, g)) {
      WitnessStep w{e->loc, stopWords(f.kind, e->kind), t};
      f.threads[t].steps.push_back(w);
      f.interleaving.push_back(w);
    }
  }
  for (WaitFor &w : f.waits) {
    w.from = thread(w.from);
    w.to = thread(w.to);
  }
  f.thread = mainThread;
  if (f.otherThread != ~0u)
    f.otherThread = thread(f.otherThread);
}

void Search::facts(std::vector<BlockingFact> &out) {
  for (auto &[sig, entry] : found_) {
    BlockingFact f = entry.first;
    f.everyExecution = inevitable(entry.second);
    // A possible block is reported only when the scheduler, a select or a
    // timer can lead there without guessing unknown data; the shortest such
    // witness is the judged state found first (breadth first).
    std::optional<std::uint32_t> witnessState;
    for (std::uint32_t j : entry.second)
      if (!states_[j].guessed || f.everyExecution) {
        witnessState = j;
        break;
      }
    if (!witnessState)
      continue;
    std::uint32_t first = *witnessState;
    auto it = blockedAt_.find(first);
    witness(first, f, it == blockedAt_.end() ? std::vector<std::uint32_t>{} : it->second);
    out.push_back(std::move(f));
  }
}

} // namespace

// --- regions ----------------------------------------------------------------------

std::vector<const FunctionDecl *> regionRoots(ir::Skeletons &skeletons, ir::Reach &reach,
                                              llvm::ArrayRef<const FunctionDecl *> functions) {
  // A region starts goroutines (or is main) and synchronises: code that
  // never waits on anything cannot block.
  constexpr ir::KindSet kWaits = ir::kSyncKinds & ~bit(EventKind::Go);
  std::vector<const FunctionDecl *> candidates;
  for (const FunctionDecl *fd : functions) {
    const ir::Skeleton *sk = skeletons.get(fd);
    if (!sk || !sk->hasEvents)
      continue;
    // A coroutine waits by suspending, and runs when an executor resumes
    // it (Asio's io_context): not a schedule the machine knows.
    if (isa_and_nonnull<CoroutineBodyStmt>(fd->getBody()))
      continue;
    ir::KindSet does = reach.of(fd);
    if ((fd->isMain() || (does & bit(EventKind::Go))) && (does & kWaits))
      candidates.push_back(sk->function);
  }
  std::set<const FunctionDecl *> called;
  for (const FunctionDecl *fd : candidates)
    for (const ir::Node &n : skeletons.get(fd)->nodes)
      for (const Event &e : n.events)
        if (e.kind == EventKind::Call || e.kind == EventKind::Go || e.kind == EventKind::MakeClosure)
          for (const FunctionDecl *c : e.callees)
            if (c != fd)
              called.insert(c->getDefinition() ? c->getDefinition() : c);
  std::vector<const FunctionDecl *> roots;
  for (const FunctionDecl *fd : candidates)
    if (fd->isMain() || !called.count(fd))
      roots.push_back(fd);
  return roots;
}

void explore(ir::Skeletons &skeletons, llvm::ArrayRef<const FunctionDecl *> functions, std::uint64_t budget,
             std::vector<BlockingFact> &out, ExplorerStats &stats) {
  ir::Reach reach(skeletons);
  for (const FunctionDecl *root : regionRoots(skeletons, reach, functions)) {
    AddressTable addresses;
    Interp interp(skeletons, addresses);
    Search search(interp, reach, skeletons.context(), root, budget);
    ++stats.regions;
    bool complete = search.run();
    stats.states += search.states();
    if (!complete) {
      ++stats.budgetHits;
      continue; // an incomplete search proves nothing: stay silent
    }
    search.facts(out);
  }
}

} // namespace chcheck::concurrency
