// CH103 close-of-nil: closing a nil (default-constructed or moved-from)
// channel panics with "close of nil channel".
#include "Rule.h"

namespace chcheck {
namespace {

class CloseOfNil final : public Rule {
public:
  const char *id() const override { return "CH103"; }

  unsigned needs() const override { return kLifecycle; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const ChannelOpFact &f : facts.lifecycle->ops) {
      if (f.op != OpKind::Close || f.before.nil == Certainty::No)
        continue;
      bool definite = f.before.nil == Certainty::Definitely;
      std::string what = describeClose(f);
      LocatedFinding &r = out.report(id(), definite ? Severity::Error : Severity::Warning, f,
                              what + (definite ? ", which is nil on every path"
                                               : ", which is nil on some paths") +
                                  ": it panics with \"close of nil channel\"");
      out.addHistory(r, f, true, false, false);
    }
  }
};

} // namespace

const Rule &closeOfNilRule() {
  static const CloseOfNil rule;
  return rule;
}

} // namespace chcheck
