// .chcheck.yaml: per-directory settings, found upward from each source file
// as clang-tidy finds .clang-tidy.  The nearest file applies, alone (files
// further up are not merged); command-line options win over it.
//
//   enable: [CH101, close-of-closed]   # rules to run (default: all)
//   disable: [CH105]
//   fail-on: error                      # error | warning | note
//   exclude:                            # globs relative to this file's directory
//     - third_party/**
//     - "**/*.pb.cc"
//   state-budget: 100000
#pragma once

#include "chcheck/Finding.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chcheck::cli {

struct Config {
  std::string path;      // the .chcheck.yaml
  std::string directory; // what `exclude` globs are relative to
  std::optional<std::vector<std::string>> enable, disable;
  std::optional<Severity> failOn;
  std::vector<std::string> exclude;
  std::optional<std::uint64_t> stateBudget;

  // Whether an exclude glob matches `file` (absolute).  A glob without '/'
  // matches a file name in any directory ("*.pb.cc"), one with '/' the path
  // from the config's directory ("third_party/**"); a trailing '/' means
  // everything below.
  bool excludes(const std::string &file) const;
};

// Parses a config file's text; throws UsageError("<path>:<line>:<col>: ...").
Config parseConfig(const std::string &path, const std::string &text);

// Finds and parses the config of each source, each file once.
class ConfigFinder {
public:
  // The nearest .chcheck.yaml in the file's directory or above, or nullptr.
  // Throws UsageError if that file is malformed.
  const Config *forFile(const std::string &file);

private:
  const Config *forDirectory(const std::string &directory);
  std::map<std::string, std::shared_ptr<const Config>> byDirectory_; // null: none here or above
};

} // namespace chcheck::cli
