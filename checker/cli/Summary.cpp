#include "Summary.h"

#include <iomanip>
#include <map>

namespace chcheck::cli {

void addStats(EngineStats &a, const EngineStats &b) {
  a.functions += b.functions;
  a.regions += b.regions;
  a.states += b.states;
  a.budgetHits += b.budgetHits;
}

namespace {
std::string plural(std::size_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
} // namespace

void printSummary(std::ostream &out, const std::vector<Finding> &findings,
                  const std::vector<bool> &isNew, const RunCounts &counts,
                  const std::vector<RuleInfo> &catalog) {
  std::size_t fresh = 0;
  for (bool n : isNew)
    fresh += n;
  out << "chcheck: summary: " << plural(findings.size(), "finding", "findings");
  if (counts.hasBaseline)
    out << " (" << fresh << " new, " << findings.size() - fresh << " in the baseline; "
        << counts.resolved << " baseline " << (counts.resolved == 1 ? "finding" : "findings")
        << " resolved)";
  out << ", " << plural(counts.toolErrors, "tool error", "tool errors") << ", "
      << plural(counts.units, "translation unit", "translation units") << '\n';
  struct Row {
    std::size_t bySeverity[3] = {0, 0, 0};
    std::size_t fresh = 0;
  };
  std::map<std::string, Row> rows;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Row &row = rows[findings[i].ruleId];
    ++row.bySeverity[static_cast<int>(findings[i].severity)];
    row.fresh += isNew[i];
  }
  if (rows.empty())
    return;
  std::size_t width = 4;
  for (const auto &[id, row] : rows)
    if (const RuleInfo *r = findRule(catalog, id))
      width = std::max(width, r->name.size());
  out << "  rule   " << std::left << std::setw(static_cast<int>(width)) << "name" << std::right
      << "  errors  warnings  notes    new\n";
  for (const auto &[id, row] : rows) {
    const RuleInfo *r = findRule(catalog, id);
    out << "  " << std::left << std::setw(5) << id << "  " << std::setw(static_cast<int>(width))
        << (r ? r->name : "") << std::right << "  " << std::setw(6)
        << row.bySeverity[static_cast<int>(Severity::Error)] << "  " << std::setw(8)
        << row.bySeverity[static_cast<int>(Severity::Warning)] << "  " << std::setw(5)
        << row.bySeverity[static_cast<int>(Severity::Note)] << "  " << std::setw(5) << row.fresh
        << '\n';
  }
}

void printStats(std::ostream &out, const EngineStats &stats, const RunCounts &counts) {
  out << "chcheck: stats: " << plural(counts.units, "translation unit", "translation units")
      << ": " << counts.analysed << " analysed, " << counts.cached << " from the cache, "
      << counts.skipped << " skipped (no changed file), " << counts.failed << " failed, "
      << counts.excluded << " excluded\n"
      << "chcheck: stats: " << plural(stats.functions, "function", "functions") << ", "
      << plural(stats.regions, "region explored", "regions explored") << ", "
      << plural(stats.states, "state", "states") << ", "
      << plural(stats.budgetHits, "budget hit", "budget hits") << '\n';
  if (counts.withSummaries + counts.withSummariesCached > 0)
    out << "chcheck: stats: calls into other files: "
        << plural(counts.withSummaries, "unit", "units") << " analysed again with their summaries, "
        << counts.withSummariesCached << " from the cache\n";
}

} // namespace chcheck::cli
