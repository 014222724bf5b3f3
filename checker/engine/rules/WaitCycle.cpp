// CH203 wait-cycle: goroutines each blocked waiting for another of the set
// (through channels, locks, WaitGroups, Conds): a partial or global
// deadlock.  Reported once per cycle, at the wait a blocked partner makes
// impossible (a lock whose holder is blocked, else a send, a WaitGroup
// wait, a receive); the message lists every edge.  Two goroutines each
// waiting for a lock the other holds are a lock-order inversion: CH204
// reports it, at both acquisitions and with both chains, so it is not
// reported twice.
#include "BlockingWords.h"

namespace chcheck {
namespace {

class WaitCycle final : public Rule {
public:
  const char *id() const override { return "CH203"; }
  unsigned needs() const override { return kConcurrency; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const BlockingFact &f : *facts.blocking) {
      if (f.kind != BlockingFact::Kind::Cycle || f.lockPair)
        continue;
      std::string edges;
      for (const WaitFor &w : f.waits) {
        if (!edges.empty())
          edges += "; ";
        edges += f.threads[w.from].name + " " + w.label + " and waits for " + f.threads[w.to].name;
      }
      out.report(id(), f, "wait cycle: " + edges + ": each waits for another, forever" + howSure(f));
    }
  }
};

} // namespace

const Rule &waitCycleRule() {
  static const WaitCycle rule;
  return rule;
}

} // namespace chcheck
