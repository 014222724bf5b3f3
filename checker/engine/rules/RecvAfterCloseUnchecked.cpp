// CH105 recv-after-close-unchecked: a plain recv() returns the zero value,
// forever, once the channel is closed and drained.  Using that value as if a
// sender had sent it is a bug when
//  - the channel is closed earlier on this path (or before this goroutine
//    started) and nothing can be left in it: it is unbuffered, or nothing
//    was ever sent on it;
//  - another goroutine always closes it and nothing is ever sent on it: the
//    recv can only end with the close;
//  - another goroutine closes it and the recv sits in a loop with no exit
//    condition: after the close the loop spins on zero values.
// recv_ok() and range-for are the fixes; a recv() whose value is discarded
// (waiting for a close signal) or compared in a condition (a sentinel check)
// is fine.  A library's receive that throws instead (Boost.Fiber's
// value_pop) is reported only in the first case: the other two may be loops
// that end by catching the exception.
#include "Rule.h"
#include "../models/Model.h"

namespace chcheck {
namespace {

class RecvAfterCloseUnchecked final : public Rule {
public:
  const char *id() const override { return "CH105"; }

  unsigned needs() const override { return kLifecycle; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const ChannelOpFact &f : facts.lifecycle->ops) {
      if (f.op != OpKind::Recv || !f.value.used || f.value.checked ||
          f.before.nil == Certainty::Definitely)
        continue;
      const ChannelStateFact &s = f.before;
      bool empty = (s.capacity && *s.capacity == 0) || !s.mayHoldValues;
      const char *throws = f.library ? f.library->closedRecvThrows : nullptr;
      if (empty && s.closed != Certainty::No && !s.closedOnlyInEarlierIteration && throws) {
        bool definite = s.closed == Certainty::Definitely;
        LocatedFinding &r = out.report(
            id(), definite ? Severity::Error : Severity::Warning, f,
            "value_pop() on channel '" + f.subject + "', which is closed" +
                (definite ? " on every path" : " on some paths") + " with nothing left in it, throws " +
                throws + "; use pop(v) and check for " + f.library->closedStatusName + ", or range-for");
        out.addHistory(r, f, false, true, false);
        continue;
      }
      if (f.library)
        continue;
      if (empty && s.closed != Certainty::No && !s.closedOnlyInEarlierIteration) {
        bool definite = s.closed == Certainty::Definitely;
        LocatedFinding &r = out.report(
            id(), definite ? Severity::Error : Severity::Warning, f,
            "recv() on channel '" + f.subject + "', which is closed" +
                (definite ? " on every path" : " on some paths") +
                " with nothing left in it, yields the zero value, not a sent one; use recv_ok() or "
                "range-for");
        out.addHistory(r, f, false, true, false);
        continue;
      }
      if (!s.mayHoldValues && s.closedByOtherGoroutine == Certainty::Definitely) {
        LocatedFinding &r = out.report(
            id(), Severity::Error, f,
            "recv() on channel '" + f.subject +
                "' can only return when another goroutine closes it (nothing is ever sent on it): "
                "it yields the zero value, not a sent one; use recv_ok() or range-for");
        out.addHistory(r, f, false, false, true);
        continue;
      }
      if (s.closedByOtherGoroutine != Certainty::No && f.value.inUnboundedLoop) {
        bool definite = s.closedByOtherGoroutine == Certainty::Definitely;
        LocatedFinding &r = out.report(
            id(), definite ? Severity::Error : Severity::Warning, f,
            "recv() on channel '" + f.subject + "' in a loop without exit, while another goroutine " +
                (definite ? "closes" : "may close") +
                " it: after the close every recv() yields the zero value; use recv_ok() or range-for");
        out.addHistory(r, f, false, false, true);
      }
    }
  }
};

} // namespace

const Rule &recvAfterCloseUncheckedRule() {
  static const RecvAfterCloseUnchecked rule;
  return rule;
}

} // namespace chcheck
