// CH206 recursive-lock: a goroutine (or thread) waits for a lock it holds
// itself: a non-recursive mutex locked again (directly or through a callee),
// a write lock requested while holding the read lock, or a read lock taken
// again while a writer waits for the first one (a Go RWMutex makes new
// readers wait for a waiting writer, so both wait forever).
#include "BlockingWords.h"

namespace chcheck {
namespace {

class RecursiveLock final : public Rule {
public:
  const char *id() const override { return "CH206"; }
  unsigned needs() const override { return kConcurrency; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const BlockingFact &f : *facts.blocking) {
      if (f.kind == BlockingFact::Kind::Relock)
        out.report(id(), f,
                   threadOf(f) + " locks " + named("mutex", f.subject) +
                       " while holding it: the mutex is not recursive, so it waits for itself forever" +
                       howSure(f));
      else if (f.kind == BlockingFact::Kind::ReadRelock)
        out.report(id(), f,
                   threadOf(f) + " read-locks " + named("mutex", f.subject) +
                       " again while a writer waits for its first read lock: the writer blocks new "
                       "readers, so both wait forever" +
                       howSure(f));
    }
  }
};

} // namespace

const Rule &recursiveLockRule() {
  static const RecursiveLock rule;
  return rule;
}

} // namespace chcheck
