#include "chcheck/Catalog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace chcheck {
namespace detail {
const std::vector<std::pair<std::string_view, std::string_view>> &embeddedRuleFiles();
}

namespace {

bool isRuleId(std::string_view s) {
  return s.size() == 5 && s.substr(0, 2) == "CH" &&
         std::all_of(s.begin() + 2, s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// lower-case words of [a-z0-9] joined by single hyphens
bool isKebabCase(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-')
    return false;
  char prev = 0;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-'))
      return false;
    prev = c;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

} // namespace

const char *homepageUrl() { return CHCHECK_HOMEPAGE_URL; }

std::string RuleInfo::helpUri() const {
  return std::string(homepageUrl()) + "/blob/main/" + docsPath() + "#" + helpAnchor;
}

RuleInfo parseRule(std::string_view fileName, std::string_view jsonText) {
  const std::string where = "rules/" + std::string(fileName);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(jsonText);
  } catch (const nlohmann::json::parse_error &e) {
    throw CatalogError(where + ": malformed JSON: " + e.what());
  }
  if (!doc.is_object())
    throw CatalogError(where + ": the top level must be an object");

  auto field = [&](const char *key) -> std::string {
    auto it = doc.find(key);
    if (it == doc.end())
      throw CatalogError(where + ": missing field '" + key + "'");
    if (!it->is_string() || it->get<std::string>().empty())
      throw CatalogError(where + ": field '" + key + "' must be a non-empty string");
    return it->get<std::string>();
  };

  RuleInfo rule;
  rule.id = field("id");
  rule.name = field("name");
  std::string severity = field("severity");
  rule.shortDescription = field("short");
  rule.fullDescription = field("full");
  rule.rationale = field("rationale");
  rule.badExample = field("bad");
  rule.goodExample = field("good");
  rule.helpAnchor = field("help_anchor");
  if (doc.contains("limits"))
    rule.limits = field("limits");
  rule.precision = field("precision");
  auto tags = doc.find("tags");
  if (tags == doc.end())
    throw CatalogError(where + ": missing field 'tags'");
  if (!tags->is_array() || tags->empty() || tags->size() > 10)
    throw CatalogError(where + ": field 'tags' must be a list of 1 to 10 strings");
  for (const auto &tag : *tags) {
    if (!tag.is_string() || !isKebabCase(tag.get<std::string>()))
      throw CatalogError(where + ": tag " + tag.dump() + " is not a kebab-case string");
    rule.tags.push_back(tag.get<std::string>());
  }
  // The clang-tidy fix-it a rule offers, or why none: docs only (read by
  // scripts/gen-rule-docs.py), checked like every other field.
  if (doc.contains("fixit"))
    field("fixit");
  // What the rule means for the other channel libraries chcheck models
  // (checker/engine/models/): docs only, like the fix-it.
  if (doc.contains("libraries"))
    field("libraries");
  rule.sourceFile = std::string(fileName);

  if (!isRuleId(rule.id))
    throw CatalogError(where + ": id '" + rule.id + "' is not of the form CHnnn");
  if (!isKebabCase(rule.name))
    throw CatalogError(where + ": name '" + rule.name + "' is not kebab-case");
  if (severity == "error")
    rule.severity = Severity::Error;
  else if (severity == "warning")
    rule.severity = Severity::Warning;
  else if (severity == "note")
    rule.severity = Severity::Note;
  else
    throw CatalogError(where + ": severity '" + severity + "' is not error, warning or note");
  static const std::set<std::string> precisions = {"very-high", "high", "medium", "low"};
  if (!precisions.count(rule.precision))
    throw CatalogError(where + ": precision '" + rule.precision +
                       "' is not very-high, high, medium or low");
  if (rule.shortDescription.back() == '.')
    throw CatalogError(where + ": 'short' must not end with a period");
  std::string expected = rule.id + "-" + rule.name + ".json";
  if (fileName != expected)
    throw CatalogError(where + ": file name must be '" + expected + "'");
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    static const std::set<std::string> known = {"id",        "name", "severity", "short",
                                                "full",      "rationale", "bad", "good",
                                                "help_anchor", "limits", "precision", "tags",
                                                "fixit", "libraries"};
    if (!known.count(it.key()))
      throw CatalogError(where + ": unknown field '" + it.key() + "'");
  }
  return rule;
}

std::vector<RuleInfo>
parseCatalog(const std::vector<std::pair<std::string_view, std::string_view>> &files) {
  std::vector<RuleInfo> rules;
  for (const auto &[name, text] : files)
    rules.push_back(parseRule(name, text));
  std::sort(rules.begin(), rules.end(),
            [](const RuleInfo &a, const RuleInfo &b) { return a.id < b.id; });
  for (std::size_t i = 1; i < rules.size(); ++i)
    if (rules[i].id == rules[i - 1].id)
      throw CatalogError("rules/" + rules[i].sourceFile + ": id " + rules[i].id +
                         " is also used by rules/" + rules[i - 1].sourceFile);
  std::set<std::string> names;
  for (const auto &r : rules)
    if (!names.insert(r.name).second)
      throw CatalogError("rules/" + r.sourceFile + ": name '" + r.name + "' is used twice");
  return rules;
}

const std::vector<RuleInfo> &builtinCatalog() {
  static const std::vector<RuleInfo> catalog = parseCatalog(detail::embeddedRuleFiles());
  return catalog;
}

const RuleInfo *findRule(const std::vector<RuleInfo> &catalog, std::string_view idOrName) {
  std::string key = lower(idOrName);
  for (const auto &r : catalog)
    if (lower(r.id) == key || r.name == key)
      return &r;
  return nullptr;
}

} // namespace chcheck
