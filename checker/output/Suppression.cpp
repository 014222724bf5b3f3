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

// `// chcheck: ignore [item {, item}]` anywhere in the line.
bool chcheckIgnoreMatches(std::string_view line, std::string_view id, std::string_view name) {
  for (std::size_t at = line.find("chcheck:"); at != std::string_view::npos;
       at = line.find("chcheck:", at + 1)) {
    std::string_view rest = trim(line.substr(at + 8));
    if (rest.substr(0, 6) != "ignore" || (rest.size() > 6 && isWordChar(rest[6])))
      continue;
    rest = rest.substr(6);
    std::size_t i = 0;
    while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i])))
      ++i;
    if (i == rest.size() || !isWordChar(rest[i]))
      return true; // bare `ignore`: every rule
    // A comma-separated list of ids or names; the list ends at the first word
    // not preceded by a comma, so a reason may follow it.
    while (true) {
      std::size_t start = i;
      while (i < rest.size() && isWordChar(rest[i]))
        ++i;
      std::string_view item = rest.substr(start, i - start);
      if (equalsIgnoreCase(item, id) || (!name.empty() && item == name))
        return true;
      while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i])))
        ++i;
      if (i >= rest.size() || rest[i] != ',')
        break;
      ++i;
      while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i])))
        ++i;
    }
  }
  return false;
}

// NOLINT (nextLine=false) or NOLINTNEXTLINE (nextLine=true), bare or with a
// parenthesised list of check-name globs matched against channel-<name>.
bool nolintMatches(std::string_view line, bool nextLine, std::string_view name) {
  const std::string checkName = "channel-" + std::string(name);
  for (std::size_t at = line.find("NOLINT"); at != std::string_view::npos;
       at = line.find("NOLINT", at + 1)) {
    std::string_view rest = line.substr(at + 6);
    bool isNextLine = rest.substr(0, 8) == "NEXTLINE";
    if (isNextLine)
      rest.remove_prefix(8);
    if (isNextLine != nextLine)
      continue;
    if (rest.empty() || rest.front() != '(') {
      if (!rest.empty() && isWordChar(rest.front()))
        continue; // NOLINTBEGIN, NOLINTEND, or some other word
      return true;
    }
    std::size_t close = rest.find(')');
    if (close == std::string_view::npos)
      continue; // clang-tidy ignores an unterminated list too
    std::string_view list = rest.substr(1, close - 1);
    while (!list.empty()) {
      std::size_t comma = list.find(',');
      std::string_view pattern = trim(list.substr(0, comma));
      if (pattern == "*" || (!name.empty() && globMatch(pattern, checkName)))
        return true;
      if (comma == std::string_view::npos)
        break;
      list.remove_prefix(comma + 1);
    }
  }
  return false;
}

} // namespace

bool ignoreCommentSuppresses(std::string_view sameLine, std::string_view previousLine,
                             std::string_view ruleId, std::string_view ruleName) {
  return chcheckIgnoreMatches(sameLine, ruleId, ruleName) ||
         chcheckIgnoreMatches(previousLine, ruleId, ruleName);
}

bool suppresses(std::string_view sameLine, std::string_view previousLine,
                std::string_view ruleId, std::string_view ruleName) {
  return ignoreCommentSuppresses(sameLine, previousLine, ruleId, ruleName) ||
         nolintMatches(sameLine, false, ruleName) || nolintMatches(previousLine, true, ruleName);
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
