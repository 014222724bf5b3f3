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

#include <string>
#include <string_view>
#include <vector>

namespace chcheck {

// One suppression comment as written on a line.
struct SuppressionComment {
  enum class Kind {
    Ignore,         // `chcheck: ignore`: this line and the next
    Nolint,         // NOLINT: this line
    NolintNextLine, // NOLINTNEXTLINE: the next line
  };
  Kind kind = Kind::Ignore;
  bool everyRule = false;          // no list
  std::vector<std::string> items;  // Ignore: rule ids or names; NOLINT: check-name globs

  // Whether item `i` names the rule `ruleId` called `ruleName` ("" if the
  // rule is not in the catalog).
  bool itemMatches(std::size_t i, std::string_view ruleId, std::string_view ruleName) const;
  bool matches(std::string_view ruleId, std::string_view ruleName) const;
  // Whether a comment on line `commentLine` covers a finding on `findingLine`.
  bool covers(unsigned commentLine, unsigned findingLine) const;
};

// The suppression comments of a line of source, in order.
std::vector<SuppressionComment> suppressionComments(std::string_view line);

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
