// CH204 lock-order-inversion over the whole project: two threads started in
// different files take two locks in opposite orders (LockEdgeSummary, from
// each file's phase 1).  As for two threads of one file: not when both
// orders are taken under a common lock, nor when both waits are for read
// locks.  Two threads started in different files are taken as possibly
// running at the same time (lockdep's view: the union cannot see one region
// end before the other starts).  Reported at both acquisitions.
#include "LockOrderAcrossFiles.h"

#include <map>
#include <set>

namespace chcheck {
namespace {

bool gated(const LockEdgeSummary &x, const LockEdgeSummary &y) {
  for (const std::string &g : x.gates)
    for (const std::string &h : y.gates)
      if (g == h)
        return true;
  return false;
}

bool blocks(const LockEdgeSummary &x, const LockEdgeSummary &y) {
  return !(x.heldShared && y.acquiredShared) && !(y.heldShared && x.acquiredShared);
}

std::string where(const SourcePoint &p) {
  std::size_t slash = p.file.rfind('/');
  return (slash == std::string::npos ? p.file : p.file.substr(slash + 1)) + ":" + std::to_string(p.line);
}

Finding report(const LockEdgeSummary &x, const LockEdgeSummary &y) {
  auto q = [](const std::string &n) { return "'" + n + "'"; };
  Finding f;
  f.ruleId = "CH204";
  f.severity = Severity::Warning;
  f.loc = x.acquiredAt;
  f.subject = x.heldName;
  f.function = x.region;
  f.message = "possible deadlock: mutexes " + q(x.heldName) + " and " + q(x.acquiredName) +
              " are taken in opposite orders by threads started in different files: " + q(x.heldName) +
              " then " + q(x.acquiredName) + " at " + where(x.acquiredAt) + " via " + x.chain + "; " +
              q(y.heldName) + " then " + q(y.acquiredName) + " at " + where(y.acquiredAt) + " via " + y.chain +
              ": each may hold one and wait for the other";
  for (const LockEdgeSummary *e : {&x, &y}) {
    f.path.push_back({e->startedAt, e->thread + " is started here, by '" + e->starter + "'", 0});
    f.path.push_back({e->heldAt, e->thread + " takes " + q(e->heldName) + " here", 0});
    f.path.push_back({e->acquiredAt, e->thread + " then waits for " + q(e->acquiredName) + " here", 0});
  }
  return f;
}

} // namespace

std::vector<Finding> lockOrderAcrossFiles(const std::vector<const TranslationUnitSummaries *> &units) {
  struct Taken {
    std::size_t unit;
    const LockEdgeSummary *edge;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Taken>> byClasses;
  for (std::size_t i = 0; i < units.size(); ++i)
    if (units[i])
      for (const LockEdgeSummary &e : units[i]->lockEdges)
        byClasses[{e.held, e.acquired}].push_back({i, &e});
  std::vector<Finding> out;
  std::set<std::pair<std::string, std::string>> reported;
  for (const auto &[classes, xs] : byClasses) {
    if (classes.first > classes.second)
      continue; // each pair of orders once, from its smaller side
    auto it = byClasses.find({classes.second, classes.first});
    if (it == byClasses.end())
      continue;
    for (const Taken &x : xs)
      for (const Taken &y : it->second) {
        // Threads one file starts are that file's run to judge, which knows
        // whether they overlap.
        if (x.unit == y.unit || x.edge->startedAt.file == y.edge->startedAt.file)
          continue;
        if (!blocks(*x.edge, *y.edge) || gated(*x.edge, *y.edge))
          continue;
        if (reported.insert({x.edge->held, x.edge->acquired}).second)
          out.push_back(report(*x.edge, *y.edge));
        if (reported.insert({y.edge->held, y.edge->acquired}).second)
          out.push_back(report(*y.edge, *x.edge));
      }
  }
  return out;
}

} // namespace chcheck
