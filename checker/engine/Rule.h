// A rule reads the facts the engine computed and decides which are findings.
// One rule per file under rules/; the catalog entry rules/<ID>-<name>.json
// holds its metadata.  A rule never looks at the AST itself.
#pragma once

#include "Facts.h"
#include "concurrency/Blocking.h"
#include "locks/LockOrder.h"
#include "chcheck/Engine.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace chcheck {

// Turns facts into findings: a fact's history into the path of notes
// (made -> closed -> misused).
class FindingBuilder {
public:
  explicit FindingBuilder(std::vector<LocatedFinding> &out) : out_(out) {}

  // Starts a finding at the fact's operation; returns it for more steps.
  LocatedFinding &report(const char *ruleId, Severity severity, const ChannelOpFact &fact,
                         std::string message);
  // Appends "made here", "became nil here", "closed here" steps as the fact knows them.
  void addHistory(LocatedFinding &f, const ChannelOpFact &fact, bool nil, bool closed,
                  bool otherGoroutine);
  void addStep(LocatedFinding &f, clang::SourceLocation loc, std::string message,
               unsigned nesting = 0);
  // Starts a finding at a blocking fact's operation, with its witness: the
  // interleaving as notes, one flow per goroutine, the wait-for edges.
  LocatedFinding &report(const char *ruleId, const BlockingFact &fact, std::string message);
  // Starts a finding at `loc` (facts of analyses without an operation fact).
  LocatedFinding &report(const char *ruleId, Severity severity, clang::SourceLocation loc, std::string subject,
                         const clang::FunctionDecl *function, std::string message);

private:
  std::vector<LocatedFinding> &out_;
};

// The analyses of a translation unit (see docs/engine.md): each requires
// the skeletons; a rule names those whose facts it reads, and the engine
// runs only the analyses the enabled rules need.
enum Analysis : unsigned {
  kLifecycle = 1,   // lifecycle/: channel state per operation (Facts.h)
  kConcurrency = 2, // concurrency/: blocking states and panics of goroutine interleavings (Blocking.h)
  kLockOrder = 4,   // locks/: lock-order edges of concurrent threads (LockOrder.h)
};

// What the analyses found; only the ones some enabled rule needs are set.
struct AnalysisFacts {
  const TranslationUnitFacts *lifecycle = nullptr;
  const std::vector<BlockingFact> *blocking = nullptr;
  const LockOrderFacts *lockOrder = nullptr;
};

class Rule {
public:
  virtual ~Rule() = default;
  virtual const char *id() const = 0;
  virtual unsigned needs() const = 0; // Analysis bits
  virtual void check(const AnalysisFacts &facts, FindingBuilder &out) const = 0;
};

// Every rule the engine implements, in id order (rules/RuleList.cpp).
llvm::ArrayRef<const Rule *> allRules();

// "send on channel 'ch'": the words rules share to name an operation.
std::string describeOp(OpKind op);

// "close of channel 'ch'", or "call to 'stop' closes channel 'd.done'".
std::string describeClose(const ChannelOpFact &f);

} // namespace chcheck
