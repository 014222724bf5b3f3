#include "SharedAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/CrashRecoveryContext.h"

#include <exception>

namespace chcheck::tidy {

SharedAnalysis::SharedAnalysis(Runner runner) : runner_(std::move(runner)) {}

std::shared_ptr<SharedAnalysis> SharedAnalysis::of(const void *context) {
  // clang-tidy runs its translation units one after the other on one thread,
  // so the checks of one translation unit are gone before the next one's are
  // created, and a context has at most one live analysis.
  static std::map<const void *, std::weak_ptr<SharedAnalysis>> live;
  std::weak_ptr<SharedAnalysis> &slot = live[context];
  if (std::shared_ptr<SharedAnalysis> existing = slot.lock())
    return existing;
  auto created = std::make_shared<SharedAnalysis>(runEngine);
  slot = created;
  std::erase_if(live, [](const auto &entry) { return entry.second.expired(); });
  return created;
}

void SharedAnalysis::join(const std::string &ruleId, std::uint64_t stateBudget) {
  groups_[stateBudget].rules.insert(ruleId);
}

TuFindings &SharedAnalysis::findings(clang::ASTContext &ctx, std::uint64_t stateBudget) {
  Group &group = groups_[stateBudget];
  if (group.analysed != &ctx) {
    EngineOptions options;
    options.enabledRules = group.rules;
    options.stateBudget = stateBudget;
    group.result = runner_(ctx, options);
    group.analysed = &ctx;
  }
  return group.result;
}

TuFindings runEngine(clang::ASTContext &ctx, const EngineOptions &options) {
  TuFindings out;
  // A translation unit with errors has a partial AST: analysing it would
  // report nonsense.  clang-tidy reports the errors themselves.
  if (ctx.getDiagnostics().hasErrorOccurred())
    return out;
  // Exceptions must not unwind through clang-tidy's frames (built without
  // exceptions), and a crash in the engine (a bug of ours) should cost this
  // translation unit's channel findings, not clang-tidy's whole run.
  static const bool recoveryEnabled = (llvm::CrashRecoveryContext::Enable(), true);
  (void)recoveryEnabled;
  llvm::CrashRecoveryContext recovery;
  bool finished = recovery.RunSafely([&] {
    try {
      out.findings = analyzeTranslationUnit(ctx, options);
    } catch (const std::exception &e) {
      out.failure = e.what();
    } catch (...) {
      out.failure = "unknown exception";
    }
  });
  if (!finished)
    out.failure = "the analysis crashed";
  if (!out.failure.empty())
    out.findings.clear();
  return out;
}

} // namespace chcheck::tidy
