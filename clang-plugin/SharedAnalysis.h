// One engine run per translation unit, however many channel-* checks are
// enabled.  clang-tidy creates a fresh set of checks for every translation
// unit (only the enabled ones, only for a supported language) and destroys
// them when it is done with it.  Each check joins the shared analysis of its
// clang-tidy context when it registers its matchers, before anything is
// parsed, so by the time the first check asks for findings the analysis knows
// every rule enabled for this translation unit and runs the engine once, for
// exactly those rules.  Checks with different engine options (StateBudget)
// form separate groups, one engine run each.  No rule logic here.
#pragma once

#include "chcheck/Engine.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
}

namespace chcheck::tidy {

// What the engine said about one translation unit, for one group of rules.
struct TuFindings {
  std::vector<LocatedFinding> findings;
  std::string failure;          // non-empty: the engine failed; `findings` is empty
  bool failureReported = false; // one diagnostic per failure, not one per check
};

class SharedAnalysis {
public:
  // Runs the engine on one translation unit.  The default contains engine
  // exceptions and crashes (they become TuFindings::failure) and analyses
  // nothing in a translation unit with compiler errors.
  using Runner = std::function<TuFindings(clang::ASTContext &, const EngineOptions &)>;

  explicit SharedAnalysis(Runner runner);

  // The analysis of the translation unit clang-tidy is processing with
  // `context` (its ClangTidyContext): created by the first check that joins,
  // gone with the last check holding it.
  static std::shared_ptr<SharedAnalysis> of(const void *context);

  // A check for rule `ruleId` with engine option `stateBudget` takes part.
  void join(const std::string &ruleId, std::uint64_t stateBudget);

  // The findings for the group of checks sharing `stateBudget`, from one
  // engine run over `ctx` with every rule of that group.
  TuFindings &findings(clang::ASTContext &ctx, std::uint64_t stateBudget);

private:
  struct Group {
    std::set<std::string> rules;
    const clang::ASTContext *analysed = nullptr; // whose findings `result` holds
    TuFindings result;
  };
  Runner runner_;
  std::map<std::uint64_t, Group> groups_; // by state budget
};

// The default runner: analyzeTranslationUnit, contained.
TuFindings runEngine(clang::ASTContext &ctx, const EngineOptions &options);

} // namespace chcheck::tidy
