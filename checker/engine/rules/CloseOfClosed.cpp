// CH102 close-of-closed: closing a channel twice panics with "close of
// closed channel".  Only definite closes are judged: a helper that merely
// may close (a close behind a once-flag) is never the second close.  A
// goroutine started earlier on this path that always closes the channel
// makes a definite close here a double close too, whichever runs first.
#include "Rule.h"
#include "../models/Model.h"

namespace chcheck {
namespace {

class CloseOfClosed final : public Rule {
public:
  const char *id() const override { return "CH102"; }

  unsigned needs() const override { return kLifecycle; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const ChannelOpFact &f : facts.lifecycle->ops) {
      if (f.op != OpKind::Close || (f.library && f.library->closeIsIdempotent))
        continue;
      const ChannelStateFact &s = f.before;
      if (s.nil == Certainty::Definitely)
        continue;
      if (s.closed == Certainty::No && s.closedByOtherGoroutine == Certainty::Definitely &&
          s.otherGoroutineStartedOnThisPath) {
        LocatedFinding &r = out.report(id(), Severity::Error, f,
                                describeClose(f) + ", which a goroutine started earlier also closes: "
                                                   "whichever close runs second panics with \"close "
                                                   "of closed channel\"");
        out.addHistory(r, f, false, false, true);
        continue;
      }
      if (s.closed == Certainty::No || s.closedOnlyInEarlierIteration)
        continue;
      bool definite = s.closed == Certainty::Definitely;
      std::string what = describeClose(f);
      LocatedFinding &r = out.report(id(), definite ? Severity::Error : Severity::Warning, f,
                              what + (definite ? ", which is already closed on every path"
                                               : ", which is already closed on some paths") +
                                  ": it panics with \"close of closed channel\"");
      out.addHistory(r, f, false, true, false);
    }
  }
};

} // namespace

const Rule &closeOfClosedRule() {
  static const CloseOfClosed rule;
  return rule;
}

} // namespace chcheck
