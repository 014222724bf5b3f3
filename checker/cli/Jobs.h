// From compile commands to the translation units of this run: each command
// with its settings (command line, else the nearest .chcheck.yaml, else
// defaults), adjusted for analysis, identical ones once, in a fixed order,
// and only this shard's.
#pragma once

#include "ArgAdjust.h"
#include "CompileDb.h"
#include "Config.h"
#include "Options.h"

#include "chcheck/Catalog.h"
#include "chcheck/Engine.h"

#include <set>
#include <string>
#include <vector>

namespace chcheck::cli {

struct Job {
  CompileCommand command; // adjusted for analysis
  EngineOptions engine;
  Severity failOn = Severity::Warning;
  const Config *config = nullptr; // its exclude globs apply to its findings
};

struct JobList {
  std::vector<Job> jobs;
  std::vector<ToolError> warnings;
  std::size_t excluded = 0;   // by an exclude glob
  std::size_t duplicates = 0; // identical commands dropped
};

class JobPlanner {
public:
  JobPlanner(const Options &options, const std::vector<RuleInfo> &catalog, ConfigFinder &configs,
             ArgumentEdits edits);
  // Throws UsageError for an unknown rule on the command line or in a config.
  JobList plan(std::vector<CompileCommand> commands, const std::string &srcroot);

  // The rules the command line selects, or nullopt if it selects none.
  static std::optional<std::set<std::string>>
  commandLineRules(const Options &options, const std::vector<RuleInfo> &catalog);

private:
  const Options &options_;
  const std::vector<RuleInfo> &catalog_;
  ConfigFinder &configs_;
  ArgumentAdjuster adjuster_;
  std::optional<std::set<std::string>> cliRules_;
};

// Whether `file` belongs to shard K of N: by a stable hash of its path
// relative to `srcroot` (so every machine of a CI matrix agrees).
bool inShard(const std::string &file, const Shard &shard, const std::string &srcroot);

} // namespace chcheck::cli
