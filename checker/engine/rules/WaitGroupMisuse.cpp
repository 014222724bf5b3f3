// CH205 waitgroup-misuse: a WaitGroup wait that can never return (an add
// without its done on some path), a counter that goes negative (done more
// often than add: Go panics "sync: negative WaitGroup counter"), and an add
// from zero that races a wait (the add inside the goroutine it counts).
#include "BlockingWords.h"

namespace chcheck {
namespace {

class WaitGroupMisuse final : public Rule {
public:
  const char *id() const override { return "CH205"; }
  unsigned needs() const override { return kConcurrency; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const BlockingFact &f : *facts.blocking) {
      if (f.kind == BlockingFact::Kind::Blocked && f.op == ir::EventKind::WgWait)
        out.report(id(), f,
                   threadOf(f) + " waits forever on " + named("WaitGroup", f.subject) +
                       ": its counter never reaches zero (an add() without its done())" + howSure(f));
      else if (f.kind == BlockingFact::Kind::Panic && f.panicRule == "CH205")
        out.report(id(), f,
                   named("WaitGroup", f.subject) +
                       " counter goes negative (more done() than add()): it panics with \"" +
                       f.panicMessage + "\"" + howSure(f));
      else if (f.kind == BlockingFact::Kind::AddRace)
        out.report(id(), f,
                   threadOf(f) + " adds to " + named("WaitGroup", f.subject) + " while its counter is 0, so " +
                       f.threads[f.otherThread].name +
                       " may already have returned from its wait() on it: the wait can miss this work "
                       "(an add() from zero must happen before the wait, e.g. before the goroutine is "
                       "started)" + howSure(f));
    }
  }
};

} // namespace

const Rule &waitGroupMisuseRule() {
  static const WaitGroupMisuse rule;
  return rule;
}

} // namespace chcheck
