// CH104 nil-channel-op: a send, receive or range on a nil channel blocks
// forever.  Select cases on nil channels are Go's idiom for disabling a
// case and are not reported.
#include "Rule.h"

namespace chcheck {
namespace {

class NilChannelOp final : public Rule {
public:
  const char *id() const override { return "CH104"; }

  unsigned needs() const override { return kLifecycle; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const ChannelOpFact &f : facts.lifecycle->ops) {
      if (f.op != OpKind::Send && f.op != OpKind::Recv && f.op != OpKind::RecvOk &&
          f.op != OpKind::Range)
        continue;
      if (f.before.nil == Certainty::No || !f.callee.empty())
        continue;
      bool definite = f.before.nil == Certainty::Definitely;
      LocatedFinding &r = out.report(id(), definite ? Severity::Error : Severity::Warning, f,
                              describeOp(f.op) + " channel '" + f.subject + "', which is nil" +
                                  (definite ? " on every path" : " on some paths") +
                                  ": it blocks forever");
      out.addHistory(r, f, true, false, false);
    }
  }
};

} // namespace

const Rule &nilChannelOpRule() {
  static const NilChannelOp rule;
  return rule;
}

} // namespace chcheck
