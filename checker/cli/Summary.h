// --summary and --stats: what a CI log shows about a run, on stderr.
#pragma once

#include "chcheck/Catalog.h"
#include "chcheck/Engine.h"
#include "chcheck/Finding.h"

#include <ostream>
#include <vector>

namespace chcheck::cli {

struct RunCounts {
  std::size_t units = 0;     // compile commands selected for this run
  std::size_t analysed = 0;  // parsed and analysed now
  std::size_t cached = 0;    // results read from the cache
  std::size_t skipped = 0;   // diff mode: no changed file in them
  std::size_t failed = 0;    // tool errors of units
  std::size_t excluded = 0;  // by an exclude glob of .chcheck.yaml
  std::size_t toolErrors = 0;
  std::size_t resolved = 0;  // baseline findings gone
  // A whole-project run's phase 2: units analysed again with other units'
  // summaries, now and from the cache.
  std::size_t withSummaries = 0, withSummariesCached = 0;
  bool hasBaseline = false;
};

// `findings`: every finding in scope (after suppression and diff mode);
// `isNew[i]`: not in the baseline.
void printSummary(std::ostream &out, const std::vector<Finding> &findings,
                  const std::vector<bool> &isNew, const RunCounts &counts,
                  const std::vector<RuleInfo> &catalog);
void printStats(std::ostream &out, const EngineStats &stats, const RunCounts &counts);

// Adds `b`'s counters to `a`.
void addStats(EngineStats &a, const EngineStats &b);

} // namespace chcheck::cli
