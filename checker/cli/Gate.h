// One run of chcheck over a project: commands, cache, worker processes,
// suppressions, diff mode, baseline, reports, exit status.
#pragma once

#include "Options.h"

#include "chcheck/Catalog.h"

#include <vector>

namespace chcheck::cli {

constexpr int kExitClean = 0, kExitFindings = 1, kExitToolError = 2;

// Throws UsageError for bad input found before analysis (a malformed
// baseline, diff or .chcheck.yaml): those stop the run at once.
int runGate(const Options &options, const std::vector<RuleInfo> &catalog);

} // namespace chcheck::cli
