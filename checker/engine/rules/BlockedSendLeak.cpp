// CH201 blocked-send-leak: a send (or a select whose cases all send) that
// blocks forever because no goroutine is left to receive: the receiver
// returned early (an error, a timeout, a cancellation), or there never was
// one, or the buffer is smaller than the sends made before any receive.
// The sending goroutine leaks; if it is main, Go reports "all goroutines
// are asleep - deadlock!".
#include "BlockingWords.h"

namespace chcheck {
namespace {

class BlockedSendLeak final : public Rule {
public:
  const char *id() const override { return "CH201"; }
  unsigned needs() const override { return kConcurrency; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const BlockingFact &f : *facts.blocking) {
      if (f.kind != BlockingFact::Kind::Blocked)
        continue;
      bool sends = f.op == ir::EventKind::Send ||
                   (f.op == ir::EventKind::Select && f.selectSends && !f.selectReceives);
      if (!sends)
        continue;
      out.report(id(), f,
                 threadOf(f) + " blocks forever sending on " + named("channel", f.subject) +
                     ": no " + f.threadNoun + " is left to receive" + howSure(f) +
                     (f.thread == 0 && threadOf(f) == "main" ? " (a deadlock)" : " (a " + f.threadNoun + " leak)"));
    }
  }
};

} // namespace

const Rule &blockedSendLeakRule() {
  static const BlockedSendLeak rule;
  return rule;
}

} // namespace chcheck
