// Phase 2 of a whole-project run: which summaries of other translation units
// each unit imports (the functions it calls without a body that another unit
// summarised).
#pragma once

#include "TuResult.h"

#include "chcheck/Summaries.h"

#include <optional>
#include <string>
#include <vector>

namespace chcheck::cli {

class ProjectSummaries {
public:
  // The units' phase-1 results (a unit without summaries tells nothing).
  explicit ProjectSummaries(const std::vector<std::optional<TuResult>> &units);
  bool empty() const { return all_.empty(); }
  // Every unit's summaries (null: it has none), for the project's own checks.
  std::vector<const TranslationUnitSummaries *> units() const;
  // What unit `i` calls that another unit summarised.
  SummaryIndex importsOf(std::size_t i) const;

private:
  std::vector<std::optional<TranslationUnitSummaries>> units_;
  SummaryIndex all_;
};

// A hash of the summaries a unit imports: part of its phase-2 cache key.
std::string importsHash(const SummaryIndex &imports);

} // namespace chcheck::cli
