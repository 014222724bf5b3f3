// Baselines: the findings a project has accepted for now.  A baseline file
// records each finding's fingerprint (chcheck's, stable under unrelated
// edits: docs/output-formats.md) with enough context for a person to read
// it; a gate run reports only findings whose fingerprint it lacks.
#pragma once

#include "chcheck/Finding.h"

#include <map>
#include <string>
#include <vector>

namespace chcheck::cli {

struct BaselineEntry {
  std::string fingerprint;
  std::string ruleId;
  std::string file; // relative to --srcroot when below it
  unsigned line = 0; // when recorded; for people, never matched
  std::string function;
  std::string message;
};

struct Baseline {
  std::vector<BaselineEntry> entries;

  // Counts of each fingerprint (a fingerprint already carries ":n" for
  // repeats, so counts above 1 come from several baseline files).
  std::map<std::string, unsigned> counts() const;
};

// Throws UsageError("cannot read baseline <path>: ...") for a missing or
// malformed file.
Baseline readBaseline(const std::string &path);
std::string baselineText(const std::vector<BaselineEntry> &entries, const std::string &toolVersion);

} // namespace chcheck::cli
