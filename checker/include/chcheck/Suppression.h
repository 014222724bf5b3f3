// Inline suppression comments, shared by every front end:
//   // chcheck: ignore CH101            on the finding's line or the line before
//   // chcheck: ignore send-on-closed, CH105   (ids or names, comma-separated)
//   // chcheck: ignore                  (every rule)
//   // NOLINT  or  // NOLINT(channel-send-on-closed, channel-*)   on the line
//   // NOLINTNEXTLINE(...)              on the line before
#pragma once

#include "chcheck/Catalog.h"
#include "chcheck/Finding.h"
#include "chcheck/Output.h"

#include <string_view>
#include <vector>

namespace chcheck {

// Whether the text of the finding's own line (`sameLine`) or of the line
// before it (`previousLine`) suppresses the rule `ruleId` named `ruleName`
// (empty if the rule is not in the catalog).
bool suppresses(std::string_view sameLine, std::string_view previousLine,
                std::string_view ruleId, std::string_view ruleName);

// The `// chcheck: ignore` part of `suppresses` alone, for a front end whose
// host applies NOLINT itself (clang-tidy, which also knows NOLINTBEGIN/END).
bool ignoreCommentSuppresses(std::string_view sameLine, std::string_view previousLine,
                             std::string_view ruleId, std::string_view ruleName);

// Drops the findings a comment on their line (or the line before) suppresses.
std::vector<Finding> removeSuppressed(std::vector<Finding> findings,
                                      const std::vector<RuleInfo> &catalog, SourceCache &sources);

} // namespace chcheck
