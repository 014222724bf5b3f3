#include "chcheck/Suppression.h"
#include "OutputCommon.h"

#include <cctype>

namespace chcheck {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

// clang-tidy's NOLINT globs: '*' matches any run of characters.
bool globMatch(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      starP = p++;
      starT = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (starP != std::string_view::npos) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

// `chcheck: ignore [item {, item}]` anywhere in the line.
void chcheckIgnores(std::string_view line, std::vector<SuppressionComment> &out) {
  for (std::size_t at = line.find("chcheck:"); at != std::string_view::npos;
       at = line.find("chcheck:", at + 1)) {
    std::string_view rest = trim(line.substr(at + 8));
    if (rest.substr(0, 6) != "ignore" || (rest.size() > 6 && isWordChar(rest[6])))
      continue;
    rest = rest.substr(6);
    SuppressionComment comment;
    comment.kind = SuppressionComment::Kind::Ignore;
    std::size_t i = 0;
    while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i])))
      ++i;
    if (i == rest.size() || !isWordChar(rest[i])) {
      comment.everyRule = true; // bare `ignore`
      out.push_back(std::move(comment));
      continue;
    }
    // A comma-separated list of ids or names; the list ends at the first word
    // not preceded by a comma, so a reason may follow it.
    while (true) {
      std::size_t start = i;
      while (i < rest.size() && isWordChar(rest[i]))
        ++i;
      if (i > start)
        comment.items.emplace_back(rest.substr(start, i - start));
      while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i])))
        ++i;
      if (i >= rest.size() || rest[i] != ',')
        break;
      ++i;
      while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i])))
        ++i;
    }
    out.push_back(std::move(comment));
  }
}

// NOLINT and NOLINTNEXTLINE, bare or with a parenthesised list of check-name
// globs.  NOLINTBEGIN/END and an unterminated list count as nothing, as in
// clang-tidy.
void nolints(std::string_view line, std::vector<SuppressionComment> &out) {
  for (std::size_t at = line.find("NOLINT"); at != std::string_view::npos;
       at = line.find("NOLINT", at + 1)) {
    std::string_view rest = line.substr(at + 6);
    SuppressionComment comment;
    comment.kind = SuppressionComment::Kind::Nolint;
    if (rest.substr(0, 8) == "NEXTLINE") {
      rest.remove_prefix(8);
      comment.kind = SuppressionComment::Kind::NolintNextLine;
    }
    if (rest.empty() || rest.front() != '(') {
      if (!rest.empty() && isWordChar(rest.front()))
        continue; // NOLINTBEGIN, NOLINTEND, or some other word
      comment.everyRule = true;
      out.push_back(std::move(comment));
      continue;
    }
    std::size_t close = rest.find(')');
    if (close == std::string_view::npos)
      continue;
    std::string_view list = rest.substr(1, close - 1);
    while (!list.empty()) {
      std::size_t comma = list.find(',');
      std::string_view pattern = trim(list.substr(0, comma));
      if (!pattern.empty())
        comment.items.emplace_back(pattern);
      if (comma == std::string_view::npos)
        break;
      list.remove_prefix(comma + 1);
    }
    out.push_back(std::move(comment));
  }
}

} // namespace

bool SuppressionComment::itemMatches(std::size_t i, std::string_view ruleId,
                                     std::string_view ruleName) const {
  const std::string &item = items[i];
  if (kind == Kind::Ignore)
    return equalsIgnoreCase(item, ruleId) || (!ruleName.empty() && item == ruleName);
  return item == "*" ||
         (!ruleName.empty() && globMatch(item, "channel-" + std::string(ruleName)));
}

bool SuppressionComment::matches(std::string_view ruleId, std::string_view ruleName) const {
  if (everyRule)
    return true;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (itemMatches(i, ruleId, ruleName))
      return true;
  return false;
}

bool SuppressionComment::covers(unsigned commentLine, unsigned findingLine) const {
  switch (kind) {
  case Kind::Ignore: return findingLine == commentLine || findingLine == commentLine + 1;
  case Kind::Nolint: return findingLine == commentLine;
  case Kind::NolintNextLine: return findingLine == commentLine + 1;
  }
  return false;
}

std::vector<SuppressionComment> suppressionComments(std::string_view line) {
  std::vector<SuppressionComment> comments;
  chcheckIgnores(line, comments);
  nolints(line, comments);
  return comments;
}

namespace {

// Whether a comment on `sameLine` or `previousLine`, of a kind `wanted` accepts,
// suppresses the rule.
template <typename KindFilter>
bool suppressedBy(std::string_view sameLine, std::string_view previousLine,
                  std::string_view ruleId, std::string_view ruleName, KindFilter wanted) {
  for (const auto &c : suppressionComments(sameLine))
    if (wanted(c.kind) && c.covers(2, 2) && c.matches(ruleId, ruleName))
      return true;
  for (const auto &c : suppressionComments(previousLine))
    if (wanted(c.kind) && c.covers(1, 2) && c.matches(ruleId, ruleName))
      return true;
  return false;
}

} // namespace

bool ignoreCommentSuppresses(std::string_view sameLine, std::string_view previousLine,
                             std::string_view ruleId, std::string_view ruleName) {
  return suppressedBy(sameLine, previousLine, ruleId, ruleName,
                      [](SuppressionComment::Kind k) { return k == SuppressionComment::Kind::Ignore; });
}

bool suppresses(std::string_view sameLine, std::string_view previousLine,
                std::string_view ruleId, std::string_view ruleName) {
  return suppressedBy(sameLine, previousLine, ruleId, ruleName,
                      [](SuppressionComment::Kind) { return true; });
}

std::vector<Finding> removeSuppressed(std::vector<Finding> findings,
                                      const std::vector<RuleInfo> &catalog, SourceCache &sources) {
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (Finding &f : findings) {
    const RuleInfo *rule = ruleOf(catalog, f.ruleId);
    std::string same = sources.line(f.loc.file, f.loc.line).value_or("");
    std::string previous =
        f.loc.line > 1 ? sources.line(f.loc.file, f.loc.line - 1).value_or("") : "";
    if (!suppresses(same, previous, f.ruleId, rule ? std::string_view(rule->name) : ""))
      kept.push_back(std::move(f));
  }
  return kept;
}

} // namespace chcheck
