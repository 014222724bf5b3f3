// The clang-tidy check `channel-<name>` of one catalog rule.  Every such
// check is this class: it asks the translation unit's shared engine run for
// its rule's findings and reports them through clang-tidy's diag(), so NOLINT,
// --warnings-as-errors, --export-fixes, HeaderFilterRegex and .clang-tidy
// files apply as to any other check.
#pragma once

#include "SharedAnalysis.h"

#include "chcheck/Catalog.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <cstdint>
#include <memory>

namespace chcheck::tidy {

class ChannelCheck : public clang::tidy::ClangTidyCheck {
public:
  ChannelCheck(llvm::StringRef name, clang::tidy::ClangTidyContext *context,
               const RuleInfo &rule);

  bool isLanguageVersionSupported(const clang::LangOptions &lang) const override;
  void registerMatchers(clang::ast_matchers::MatchFinder *finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &options) override;

private:
  void report(const LocatedFinding &finding);
  bool ignoredByComment(const LocatedFinding &finding, const clang::SourceManager &sm) const;

  const RuleInfo &rule_;
  const void *context_;              // key of the shared analysis: clang-tidy's context
  Severity minimumSeverity_;         // option MinimumSeverity
  std::uint64_t stateBudget_;        // option StateBudget
  std::shared_ptr<SharedAnalysis> analysis_;
};

} // namespace chcheck::tidy
