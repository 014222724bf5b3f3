// The analysis engine's entry point for front ends (the CLI, the clang-tidy
// module).  Front ends hand over a parsed translation unit and the set of
// rule ids to run; they never see facts or rule internals.
#pragma once

#include "chcheck/Finding.h"

#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
}

namespace chcheck {

// Ids ("CH101", ...) of every rule the engine implements, in id order.
std::vector<std::string> implementedRuleIds();

// Computes the channel facts of the translation unit once and runs every
// rule whose id is in `enabledRuleIds`.  Findings located in system headers
// are dropped.  The result is sorted by (file, line, column, ruleId, message)
// and free of exact duplicates.
std::vector<Finding> analyzeTranslationUnit(clang::ASTContext &ctx,
                                            const std::set<std::string> &enabledRuleIds);

} // namespace chcheck
