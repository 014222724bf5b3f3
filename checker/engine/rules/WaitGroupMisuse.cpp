// CH205 waitgroup-misuse: a WaitGroup wait that can never return (an add
// without its done on some path), and a counter that goes negative (done
// more often than add: Go panics "sync: negative WaitGroup counter").
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
    }
  }
};

} // namespace

const Rule &waitGroupMisuseRule() {
  static const WaitGroupMisuse rule;
  return rule;
}

} // namespace chcheck
