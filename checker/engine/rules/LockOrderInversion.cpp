// CH204 lock-order-inversion: two locks taken in opposite orders (A then B,
// B then A) by two threads that may run at the same time: each may hold one
// and wait for the other.  A static cycle is a possible deadlock (warning);
// it is not reported when both orders are taken under a common lock (a gate
// keeps them apart), when the waits cannot block (both sides read locks),
// when one thread takes both (no concurrency), or when two locks of one
// class (Account::mu_ of two accounts) cannot be told apart.  Each cycle is
// reported at both acquisitions, each finding naming the other chain.
#include "../Rule.h"
#include "../locks/LockOrder.h"

#include <map>
#include <set>

namespace chcheck {
namespace {

using ir::kNoPlace;

bool known(const LockNode &n) { return n.instance != kNoPlace; }
bool sameClass(const LockNode &a, const LockNode &b) { return a.key == b.key; }

// May be the same lock: one class, and not two different known objects.
bool mayAlias(const LockNode &a, const LockNode &b) {
  return sameClass(a, b) && (!known(a) || !known(b) || a.instance == b.instance);
}

bool surelySame(const LockNode &a, const LockNode &b) {
  return sameClass(a, b) && known(a) && a.instance == b.instance;
}

// `x` takes A then B, `y` takes B then A.
bool inverse(const LockOrderEdge &x, const LockOrderEdge &y) {
  if (sameClass(x.held, x.acquired)) // two objects of one class: only when both are known
    return known(x.held) && known(x.acquired) && x.held.instance != x.acquired.instance &&
           surelySame(x.held, y.acquired) && surelySame(x.acquired, y.held);
  return mayAlias(x.held, y.acquired) && mayAlias(x.acquired, y.held);
}

// Each side's held lock blocks the other's acquisition (two read locks do not).
bool blocks(const LockOrderEdge &x, const LockOrderEdge &y) {
  return !(x.heldShared && y.acquiredShared) && !(y.heldShared && x.acquiredShared);
}

bool gated(const LockOrderEdge &x, const LockOrderEdge &y) {
  for (const LockNode &g : x.gates)
    for (const LockNode &h : y.gates)
      if (mayAlias(g, h))
        return true;
  return false;
}

class Concurrency {
public:
  explicit Concurrency(const LockRegion &r) : r_(r) {}

  // Whether edge x of thread tx and edge y of thread ty (-1: the region's
  // function) may be taken at the same time.
  bool operator()(int tx, const LockOrderEdge &x, int ty, const LockOrderEdge &y) const {
    if (tx == ty)
      return tx >= 0 && many(tx);
    if (above(tx, ty))
      return liveAmong(x.liveThreads, ty, tx);
    if (above(ty, tx))
      return liveAmong(y.liveThreads, tx, ty);
    for (int a = tx; a >= 0; a = parent(a))
      for (int b = ty; b >= 0; b = parent(b)) {
        if (a == b) // their common ancestor: its instances may overlap
          return many(a);
        if (overlap(a, b))
          return true;
      }
    return false;
  }

private:
  int parent(int t) const { return r_.threads[t].parent; }
  bool above(int a, int t) const {
    if (a < 0)
      return true;
    for (int x = t; x >= 0; x = parent(x))
      if (x == a)
        return true;
    return false;
  }
  bool many(int t) const {
    for (int x = t; x >= 0; x = parent(x))
      if (r_.threads[x].many)
        return true;
    return false;
  }
  bool overlap(int a, int b) const {
    return (r_.threads[a].concurrent >> b & 1) || (r_.threads[b].concurrent >> a & 1);
  }
  // Thread t (or its ancestor below `top`) was running when the edge was taken.
  bool liveAmong(std::uint64_t live, int t, int top) const {
    for (int x = t; x >= 0 && x != top; x = parent(x))
      if (live >> x & 1)
        return true;
    return false;
  }
  const LockRegion &r_;
};

std::string chain(const std::string &body, const LockSite &s) {
  std::string out = body;
  for (const LockCall &c : s.via)
    out += " \u2192 " + c.name;
  return out;
}

std::string quoted(const LockNode &n) { return "'" + n.name + "'"; }

class LockOrderInversion final : public Rule {
public:
  const char *id() const override { return "CH204"; }
  unsigned needs() const override { return kLockOrder; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    std::set<std::pair<std::string, std::string>> reported; // (held, acquired) once
    for (const LockRegion &r : facts.lockOrder->regions) {
      struct Taken {
        int thread;
        const LockOrderEdge *edge;
      };
      std::vector<Taken> all;
      for (const LockOrderEdge &e : r.edges)
        all.push_back({-1, &e});
      for (std::size_t t = 0; t < r.threads.size(); ++t)
        for (const LockOrderEdge &e : r.threads[t].edges)
          all.push_back({static_cast<int>(t), &e});
      std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> byClasses;
      for (std::size_t i = 0; i < all.size(); ++i)
        byClasses[{all[i].edge->held.key, all[i].edge->acquired.key}].push_back(i);
      Concurrency concurrent(r);
      for (std::size_t i = 0; i < all.size(); ++i) {
        const LockOrderEdge &x = *all[i].edge;
        auto it = byClasses.find({x.acquired.key, x.held.key});
        if (it == byClasses.end())
          continue;
        for (std::size_t j : it->second) {
          if (j <= i)
            continue; // each unordered pair once
          const LockOrderEdge &y = *all[j].edge;
          if (!inverse(x, y) || !blocks(x, y) || gated(x, y) ||
              !concurrent(all[i].thread, x, all[j].thread, y))
            continue;
          // A finding at each end: either acquisition is where the
          // deadlock may happen and where a fix may go, and a diff that
          // touches one end must show it.
          report(r, all[i].thread, x, all[j].thread, y, reported, out);
          report(r, all[j].thread, y, all[i].thread, x, reported, out);
        }
      }
    }
  }

private:
  template <typename Set>
  void report(const LockRegion &r, int tx, const LockOrderEdge &x, int ty, const LockOrderEdge &y,
              Set &reported, FindingBuilder &out) const {
    std::string a = x.held.name, b = x.acquired.name;
    if (!reported.insert({a, b}).second)
      return;
    auto threadName = [&](int t) { return t < 0 ? "'" + r.name + "'" : r.threads[t].name; };
    // One body started several times: its second instance.
    auto otherName = [&](int t) { return t == tx ? "another instance of " + threadName(t) : threadName(t); };
    auto body = [&](int t) { return t < 0 ? r.name : r.threads[t].bodyName; };
    std::string message = "possible deadlock: mutexes " + quoted(x.held) + " and " + quoted(x.acquired) +
                          " are taken in opposite orders by threads that may run at the same time: " +
                          quoted(x.held) + " then " + quoted(x.acquired) + " at " + x.acquiredAt.where + " via " +
                          chain(body(tx), x.acquiredAt) + "; " + quoted(y.held) + " then " + quoted(y.acquired) +
                          " at " + y.acquiredAt.where + " via " + chain(body(ty), y.acquiredAt) +
                          ": each may hold one and wait for the other";
    LocatedFinding &f = out.report(id(), Severity::Warning, x.acquiredAt.loc, a, r.function, std::move(message));
    auto started = [&](int t) {
      for (int s = t; s >= 0; s = r.threads[s].parent)
        out.addStep(f, r.threads[s].startedAt, "'" + (r.threads[s].parent < 0 ? r.name : r.threads[r.threads[s].parent].bodyName) + "' starts " +
                                                       (r.threads[s].goroutine ? "a goroutine" : "a thread") + " here");
    };
    started(tx);
    out.addStep(f, x.heldAt.loc, threadName(tx) + " takes " + quoted(x.held) + " here");
    out.addStep(f, x.acquiredAt.loc, threadName(tx) + " then waits for " + quoted(x.acquired) + " here");
    started(ty);
    out.addStep(f, y.heldAt.loc, otherName(ty) + " takes " + quoted(y.held) + " here");
    out.addStep(f, y.acquiredAt.loc, otherName(ty) + " then waits for " + quoted(y.acquired) + " here");
  }
};

} // namespace

const Rule &lockOrderInversionRule() {
  static const LockOrderInversion rule;
  return rule;
}

} // namespace chcheck
