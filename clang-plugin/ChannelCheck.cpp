#include "ChannelCheck.h"

#include "Notes.h"

#include "chcheck/Suppression.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy {
// MinimumSeverity's values: the engine's levels, as the CLI's --fail-on names them.
template <> struct OptionEnumMapping<chcheck::Severity> {
  static llvm::ArrayRef<std::pair<chcheck::Severity, llvm::StringRef>> getEnumMapping() {
    static constexpr std::pair<chcheck::Severity, llvm::StringRef> mapping[] = {
        {chcheck::Severity::Error, "error"},
        {chcheck::Severity::Warning, "warning"},
        {chcheck::Severity::Note, "note"},
    };
    return mapping;
  }
};
} // namespace clang::tidy

namespace chcheck::tidy {

using namespace clang;
using namespace clang::ast_matchers;

ChannelCheck::ChannelCheck(llvm::StringRef name, clang::tidy::ClangTidyContext *context,
                           const RuleInfo &rule)
    : ClangTidyCheck(name, context), rule_(rule), context_(context),
      minimumSeverity_(Options.get("MinimumSeverity", Severity::Note)),
      stateBudget_(Options.getLocalOrGlobal("StateBudget", EngineOptions{}.stateBudget)) {}

bool ChannelCheck::isLanguageVersionSupported(const LangOptions &lang) const {
  return lang.CPlusPlus;
}

void ChannelCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &options) {
  Options.store(options, "MinimumSeverity", minimumSeverity_);
  Options.store(options, "StateBudget", stateBudget_);
}

void ChannelCheck::registerMatchers(MatchFinder *finder) {
  // clang-tidy calls this only for the checks it runs on this translation
  // unit, before parsing it: the moment to tell the shared analysis which
  // rules to run.
  analysis_ = SharedAnalysis::of(context_);
  analysis_->join(rule_.id, stateBudget_);
  finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void ChannelCheck::check(const MatchFinder::MatchResult &result) {
  const SourceManager &sm = *result.SourceManager;
  TuFindings &tu = analysis_->findings(*result.Context, stateBudget_);
  if (!tu.failure.empty()) {
    if (!tu.failureReported)
      diag(sm.getLocForStartOfFile(sm.getMainFileID()),
           "chcheck's analysis failed on this translation unit (%0), so it has no channel-* "
           "findings; please report it with this file")
          << tu.failure;
    tu.failureReported = true;
    return;
  }
  for (const LocatedFinding &f : tu.findings)
    if (f.ruleId == rule_.id && f.severity >= minimumSeverity_ && !ignoredByComment(f, sm))
      report(f);
}

void ChannelCheck::report(const LocatedFinding &finding) {
  // "%0": the engine's text is shown as is, whatever '%' it contains.
  diag(finding.loc, "%0") << finding.message;
  for (const Note &note : notesOf(finding))
    diag(note.loc, "%0", DiagnosticIDs::Note) << note.message;
}

// The CLI honours `// chcheck: ignore CH101` comments; so does the module,
// so that both front ends report the same.  NOLINT is clang-tidy's own.
bool ChannelCheck::ignoredByComment(const LocatedFinding &finding,
                                    const SourceManager &sm) const {
  SourceLocation at = sm.getFileLoc(finding.loc);
  if (at.isInvalid())
    return false;
  FileID file = sm.getFileID(at);
  bool invalid = false;
  llvm::StringRef buffer = sm.getBufferData(file, &invalid);
  if (invalid)
    return false;
  auto lineText = [&](unsigned line) -> llvm::StringRef {
    if (line == 0)
      return {};
    llvm::StringRef rest = buffer.substr(sm.getFileOffset(sm.translateLineCol(file, line, 1)));
    return rest.take_until([](char c) { return c == '\n' || c == '\r'; });
  };
  unsigned line = sm.getSpellingLineNumber(at);
  return ignoreCommentSuppresses(lineText(line), lineText(line - 1), rule_.id, rule_.name);
}

} // namespace chcheck::tidy
