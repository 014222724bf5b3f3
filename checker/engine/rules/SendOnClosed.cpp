// CH101 send-on-closed: a send on a channel that is closed on every path
// (error) or on some path (warning) panics with "send on closed channel".
#include "Rule.h"

namespace chcheck {
namespace {

class SendOnClosed final : public Rule {
public:
  const char *id() const override { return "CH101"; }

  void check(const TranslationUnitFacts &facts, FindingBuilder &out) const override {
    for (const ChannelOpFact &f : facts.ops) {
      if (f.op != OpKind::Send && f.op != OpKind::SelectSend)
        continue;
      const ChannelStateFact &s = f.before;
      if (s.nil == Certainty::Definitely || s.closed == Certainty::No ||
          s.closedOnlyInEarlierIteration)
        continue;
      // A select send case runs only if chosen, and another ready case may
      // always win: it is never more than "possibly".
      bool select = f.op == OpKind::SelectSend;
      if (select && s.closed != Certainty::Definitely)
        continue;
      bool definite = s.closed == Certainty::Definitely && !select;
      std::string when = s.closed == Certainty::Definitely ? "closed on every path reaching it"
                                                          : "closed on some paths reaching it";
      std::string what = !f.callee.empty() ? "call to '" + f.callee + "' sends on channel '" +
                                        f.subject + "', which is " + when
                                  : std::string(select ? "select case sends" : "send") +
                                        " on channel '" + f.subject + "' that is " + when;
      Finding &r = out.report(id(), definite ? Severity::Error : Severity::Warning, f,
                              what + ": it panics with \"send on closed channel\"");
      out.addHistory(r, f, false, true, false);
    }
  }
};

} // namespace

const Rule &sendOnClosedRule() {
  static const SendOnClosed rule;
  return rule;
}

} // namespace chcheck
