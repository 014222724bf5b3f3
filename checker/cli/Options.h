// The command line of chcheck: what the user asked for, checked for
// well-formedness only (files are opened later).
#pragma once

#include "chcheck/Finding.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chcheck::cli {

// --shard K/N: this job analyses the K-th of N parts (1 <= K <= N).
struct Shard {
  unsigned index = 1, count = 1;
};

struct Options {
  // What to analyse.
  std::string compileDatabase;              // -p: a directory or a .json file; empty: none
  std::vector<std::string> sources;         // empty with -p: every entry
  std::vector<std::string> flags;           // after `--`
  std::vector<std::string> extraArgs;       // --extra-arg
  std::vector<std::string> extraArgsBefore; // --extra-arg-before
  std::vector<std::string> removeArgs;      // --remove-arg globs
  std::optional<Shard> shard;

  // Rules and thresholds; unset ones come from .chcheck.yaml, then defaults.
  std::vector<std::string> enable, disable;
  std::optional<Severity> failOn;
  std::optional<std::uint64_t> stateBudget;

  // Pull-request gate.
  std::vector<std::string> baselines; // --baseline, repeatable (one per shard)
  std::optional<std::string> writeBaseline;
  bool baselineReport = false;
  std::optional<std::string> diffFile; // "-" for standard input
  std::optional<std::string> since;    // a git revision

  // Result cache.
  std::optional<std::string> cacheDir;
  bool noCache = false;
  std::optional<std::uint64_t> cacheSizeBytes;

  // Output.
  std::string format = "text";
  std::optional<std::string> outputFile, graphFile;
  std::optional<bool> progress;
  std::string color = "auto";
  std::string srcroot;
  std::string sarifCategory = "chcheck/";
  bool stats = false, summary = false, reportUnusedSuppressions = false;
  unsigned jobs = 1;

  // Information.
  bool listRules = false, version = false, help = false;
  std::optional<std::string> explain;
};

// A malformed command line (or configuration): one line on stderr, exit
// status 2.
struct UsageError {
  std::string message;
};

Options parseOptions(const std::vector<std::string> &args);

// The files a run writes (-o, --graph, --write-baseline) as far as `args`
// names them, even when the command line is otherwise malformed.
std::vector<std::string> outputFilesNamed(const std::vector<std::string> &args);

extern const char *const kUsage;

} // namespace chcheck::cli
