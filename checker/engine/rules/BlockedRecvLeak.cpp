// CH202 blocked-recv-leak: a receive, range or select (with a receive
// case), or a Cond wait, that blocks forever because no goroutine is left
// to send, close or signal: a range over a channel nobody closes, a worker
// whose producer stopped without closing, a wait for a signal that never
// comes.
#include "BlockingWords.h"

namespace chcheck {
namespace {

class BlockedRecvLeak final : public Rule {
public:
  const char *id() const override { return "CH202"; }
  unsigned needs() const override { return kConcurrency; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const BlockingFact &f : *facts.blocking) {
      if (f.kind != BlockingFact::Kind::Blocked)
        continue;
      std::string doing;
      switch (f.op) {
      case ir::EventKind::Recv:
      case ir::EventKind::RecvOk:
        doing = "receiving from " + named("channel", f.subject) + ": no " + f.threadNoun + " is left to send on it or close it";
        break;
      case ir::EventKind::RangeNext:
        doing = "ranging over " + named("channel", f.subject) + ": no " + f.threadNoun + " is left to close it";
        break;
      case ir::EventKind::Select:
        if (!f.selectReceives)
          continue;
        doing = "in a select: no " + f.threadNoun + " is left to make any of its cases ready";
        break;
      case ir::EventKind::CondWait:
        doing = "waiting on " + named("Cond", f.subject) + ": no " + f.threadNoun + " is left to signal it";
        break;
      default:
        continue;
      }
      out.report(id(), f,
                 threadOf(f) + " blocks forever " + doing + howSure(f) +
                     (f.thread == 0 && threadOf(f) == "main" ? " (a deadlock)" : " (a " + f.threadNoun + " leak)"));
    }
  }
};

} // namespace

const Rule &blockedRecvLeakRule() {
  static const BlockedRecvLeak rule;
  return rule;
}

} // namespace chcheck
