// Suppression comments that are wrong or stale: a comment naming a rule
// chcheck does not have (always reported; a typo hides nothing and suppresses
// nothing) and, with --report-unused-suppressions, comments that suppress no
// finding of this run.  Bare NOLINT and NOLINT lists of other tools' checks
// are clang-tidy's business and never reported.
#pragma once

#include "chcheck/Catalog.h"
#include "chcheck/Output.h"

#include <string>
#include <vector>

namespace chcheck::cli {

// Warnings (ToolError::warning) for the comments in `files`; `findings` are
// this run's findings before suppression.
std::vector<ToolError> suppressionWarnings(const std::vector<std::string> &files,
                                           const std::vector<Finding> &findings,
                                           const std::vector<RuleInfo> &catalog,
                                           SourceCache &sources, bool reportUnused);

} // namespace chcheck::cli
