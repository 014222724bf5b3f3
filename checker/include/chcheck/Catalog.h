// The rule catalog: the metadata of every rule (rules/*.json, embedded in the
// binary at build time).  Front ends use it for --list-rules, --explain,
// rule names in messages and SARIF's tool.driver.rules.
#pragma once

#include "chcheck/Finding.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chcheck {

struct RuleInfo {
  std::string id;               // "CH101"
  std::string name;             // "send-on-closed"
  Severity severity = Severity::Warning; // default level (of a definite finding)
  std::string shortDescription; // one line, no trailing period
  std::string fullDescription;
  std::string rationale;
  std::string badExample;
  std::string goodExample;
  std::string helpAnchor;       // anchor in docs/rules/<id>.md
  std::string limits;           // optional: what the rule deliberately does not report
  // How often a finding of the rule is a real bug, in GitHub code scanning's
  // terms: "very-high", "high", "medium" or "low" (SARIF properties.precision).
  std::string precision;
  std::vector<std::string> tags; // SARIF properties.tags: "concurrency", "channels", ...
  std::string sourceFile;       // "CH101-send-on-closed.json"

  std::string tidyCheckName() const { return "channel-" + name; }
  std::string docsPath() const { return "docs/rules/" + id + ".md"; }
  // Absolute URI of the rule's documentation (home page + docs path + anchor).
  std::string helpUri() const;
};

// A rule file that is malformed or misses a field; what() names the file.
class CatalogError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Parses one rule file.  Checks that every field is present and a string, the
// id is CHnnn, the name kebab-case, the severity error|warning|note, and the
// file name is "<id>-<name>.json".  Throws CatalogError.
RuleInfo parseRule(std::string_view fileName, std::string_view jsonText);

// Parses a set of (file name, text) rule files into a catalog sorted by id;
// also rejects duplicate ids and names.  Throws CatalogError.
std::vector<RuleInfo>
parseCatalog(const std::vector<std::pair<std::string_view, std::string_view>> &files);

// The catalog embedded at build time, parsed on first use.  Throws
// CatalogError if an embedded file is invalid (the build checks JSON syntax).
const std::vector<RuleInfo> &builtinCatalog();

// The rule whose id (case-insensitive) or name is `idOrName`, or nullptr.
const RuleInfo *findRule(const std::vector<RuleInfo> &catalog, std::string_view idOrName);

// The project's home page (SARIF tool.driver.informationUri).
const char *homepageUrl();

} // namespace chcheck
