// CH105 recv-after-close-unchecked: a plain recv() returns the zero value,
// forever, once the channel is closed and drained.  Using that value as if a
// sender had sent it is a bug when
//  - the channel is unbuffered and closed earlier on this path (nothing can
//    be left in it), or
//  - another goroutine closes it and the recv sits in a loop with no exit
//    condition that never checks the value: after the close the loop spins
//    on zero values.
// recv_ok() and range-for are the fixes; a recv() whose value is discarded
// (waiting for a close signal) or checked against a sentinel is fine.
#include "Rule.h"

namespace chcheck {
namespace {

class RecvAfterCloseUnchecked final : public Rule {
public:
  const char *id() const override { return "CH105"; }

  void check(const TranslationUnitFacts &facts, FindingBuilder &out) const override {
    for (const ChannelOpFact &f : facts.ops) {
      if (f.op != OpKind::Recv || !f.value.used || f.value.checked ||
          f.before.nil == Certainty::Definitely)
        continue;
      const ChannelStateFact &s = f.before;
      bool unbuffered = s.capacity && *s.capacity == 0;
      if (unbuffered && s.closed != Certainty::No && !s.closedOnlyInEarlierIteration) {
        bool definite = s.closed == Certainty::Definitely;
        Finding &r = out.report(
            id(), definite ? Severity::Error : Severity::Warning, f,
            "recv() on unbuffered channel '" + f.subject + "', which is closed" +
                (definite ? " on every path" : " on some paths") +
                ", yields the zero value, not a sent one; use recv_ok() or range-for");
        out.addHistory(r, f, false, true, false);
        continue;
      }
      if (s.closedByOtherGoroutine != Certainty::No && f.value.inUnboundedLoop) {
        bool definite = s.closedByOtherGoroutine == Certainty::Definitely;
        Finding &r = out.report(
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
