#include "SuppressionReport.h"

#include "chcheck/Suppression.h"

#include <map>

namespace chcheck::cli {
namespace {

bool ours(const SuppressionComment &c, std::size_t item) {
  return c.kind == SuppressionComment::Kind::Ignore || c.items[item].rfind("channel-", 0) == 0;
}

// A NOLINT item naming one of our checks exactly, or a chcheck item: it must
// name a rule of the catalog.
bool namesUnknownRule(const SuppressionComment &c, std::size_t item,
                      const std::vector<RuleInfo> &catalog) {
  const std::string &name = c.items[item];
  if (c.kind != SuppressionComment::Kind::Ignore) {
    if (name.rfind("channel-", 0) != 0 || name.find_first_of("*?") != std::string::npos)
      return false;
    const RuleInfo *rule = findRule(catalog, name.substr(8));
    return !rule || rule->name != name.substr(8);
  }
  return findRule(catalog, name) == nullptr;
}

std::string spelled(const SuppressionComment &c) {
  switch (c.kind) {
  case SuppressionComment::Kind::Ignore: return "chcheck: ignore";
  case SuppressionComment::Kind::Nolint: return "NOLINT";
  case SuppressionComment::Kind::NolintNextLine: return "NOLINTNEXTLINE";
  }
  return "";
}

} // namespace

std::vector<ToolError> suppressionWarnings(const std::vector<std::string> &files,
                                           const std::vector<Finding> &findings,
                                           const std::vector<RuleInfo> &catalog,
                                           SourceCache &sources, bool reportUnused) {
  std::map<std::string, std::vector<const Finding *>> byFile;
  for (const Finding &f : findings)
    byFile[f.loc.file].push_back(&f);
  std::vector<ToolError> warnings;
  for (const std::string &file : files) {
    const std::vector<const Finding *> &here = byFile[file];
    for (unsigned line = 1;; ++line) {
      auto text = sources.line(file, line);
      if (!text)
        break;
      if (text->find("chcheck:") == std::string::npos && text->find("NOLINT") == std::string::npos)
        continue;
      const std::string where = file + ":" + std::to_string(line) + ": ";
      for (const SuppressionComment &c : suppressionComments(*text)) {
        auto used = [&](auto &&matches) {
          for (const Finding *f : here) {
            const RuleInfo *rule = findRule(catalog, f->ruleId);
            if (c.covers(line, f->loc.line) && matches(f->ruleId, rule ? rule->name : ""))
              return true;
          }
          return false;
        };
        if (c.everyRule) {
          if (reportUnused && c.kind == SuppressionComment::Kind::Ignore &&
              !used([](const std::string &, const std::string &) { return true; }))
            warnings.push_back({file, where + "'" + spelled(c) + "' suppresses no finding", true});
          continue;
        }
        for (std::size_t i = 0; i < c.items.size(); ++i) {
          if (!ours(c, i))
            continue;
          if (namesUnknownRule(c, i, catalog))
            warnings.push_back({file, where + "'" + spelled(c) + "' names unknown rule '" +
                                          c.items[i] + "' (see --list-rules)",
                                true});
          else if (reportUnused && !used([&](const std::string &id, const std::string &name) {
                     return c.itemMatches(i, id, name);
                   }))
            warnings.push_back({file, where + "'" + spelled(c) + "' of " + c.items[i] +
                                          " suppresses no finding",
                                true});
        }
      }
    }
  }
  return warnings;
}

} // namespace chcheck::cli
