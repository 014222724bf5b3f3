// CH101 send-on-closed: a send on a channel that is closed on every path
// (error) or on some path (warning) panics with "send on closed channel".
// A close while a goroutine started earlier may still send (nothing waited
// for the signal that ends its sends) is the same bug seen from the closer:
// a warning at the close, since it depends on timing.
// A library whose send on a closed channel returns a status instead
// (Boost.Fiber's push returns channel_op_status::closed) loses the value
// silently only when that status is ignored: that is the finding there.
// One whose send throws (Asio's async_send co_awaited with use_awaitable)
// is reported as a panic is, in the library's words.
#include "Rule.h"
#include "../models/Model.h"

namespace chcheck {
namespace {

class SendOnClosed final : public Rule {
public:
  const char *id() const override { return "CH101"; }

  unsigned needs() const override { return kLifecycle; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const ChannelOpFact &f : facts.lifecycle->ops) {
      const char *closedStatus = f.library ? f.library->closedStatusName : nullptr;
      if (closedStatus && !f.statusIgnored)
        continue;
      if (f.op == OpKind::Close && !closedStatus && f.before.otherGoroutineMaySend && f.before.closed == Certainty::No &&
          f.before.nil == Certainty::No) {
        LocatedFinding &r = out.report(id(), Severity::Warning, f,
                                describeClose(f) +
                                    " while a goroutine started earlier may still send on it: "
                                    "that send panics with \"send on closed channel\"; wait for "
                                    "the goroutine before closing");
        out.addStep(r, f.before.pendingSenderSpawnAt, "the goroutine is started here");
        out.addStep(r, f.before.pendingSendAt, "it sends on channel '" + f.subject + "' here");
        if (!f.callee.empty())
          out.addStep(r, f.calleeOpLoc, "inside '" + f.callee + "', the close is here", 1);
        continue;
      }
      if (f.op != OpKind::Send && f.op != OpKind::SelectSend)
        continue;
      const ChannelStateFact &s = f.before;
      if (s.nil == Certainty::Definitely || s.closed == Certainty::No ||
          s.closedOnlyInEarlierIteration)
        continue;
      // A select send case among other cases runs only if chosen, and
      // another ready case may win: it is never more than "possibly".  (As
      // the only case besides default the engine reports it as a Send.)
      bool select = f.op == OpKind::SelectSend;
      bool maybeNotTaken = select && !f.onlyCaseBesidesDefault;
      if (maybeNotTaken && s.closed != Certainty::Definitely)
        continue;
      bool definite = s.closed == Certainty::Definitely && !maybeNotTaken;
      std::string when = s.closed == Certainty::Definitely ? "closed on every path reaching it"
                                                          : "closed on some paths reaching it";
      std::string what = !f.callee.empty() ? "call to '" + f.callee + "' sends on channel '" +
                                        f.subject + "', which is " + when
                                  : std::string(select ? "select case sends" : "send") +
                                        " on channel '" + f.subject + "' that is " + when;
      const char *sendName = f.library ? (select ? f.library->trySendName : f.library->sendName) : nullptr;
      if (sendName && f.callee.empty())
        what = std::string(sendName) + " on channel '" + f.subject + "' that is " + when;
      if (closedStatus) {
        if (!f.callee.empty())
          what = "call to '" + f.callee + "' pushes on channel '" + f.subject + "', which is " + when;
        LocatedFinding &r = out.report(id(), definite ? Severity::Error : Severity::Warning, f,
                                       what + ": it returns " + closedStatus +
                                           " and drops the value, and the status is ignored: the value is "
                                           "silently lost");
        out.addHistory(r, f, false, true, false);
        continue;
      }
      if (f.onlyCaseBesidesDefault)
        what += " (a default case does not prevent it: the send case of a closed channel is ready)";
      const char *throws = f.library ? f.library->closedSendThrows : nullptr;
      LocatedFinding &r = out.report(id(), definite ? Severity::Error : Severity::Warning, f,
                                     what + (throws ? std::string(": it throws ") + throws
                                                    : std::string(": it panics with \"send on closed channel\"")));
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
