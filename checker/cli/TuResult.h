// What analysing one compile command yields.  Plain data: worker processes
// send it to the parent and the result cache stores it (ResultCodec).
#pragma once

#include "chcheck/Engine.h"
#include "chcheck/Finding.h"

#include <optional>
#include <string>
#include <vector>

namespace chcheck::cli {

// A file the translation unit read and the hash of the text it read.
struct FileDigest {
  std::string path;   // absolute, ".." kept (it may cross a symbolic link)
  std::string hash;   // contentHash of the text
  bool system = false; // a system header (no user code, no suppressions)
};

struct TuResult {
  std::vector<Finding> findings;
  std::string error;             // why it was not analysed; empty if it was
  EngineStats stats;
  std::vector<FileDigest> files; // the main file and every header it included
  bool skipped = false;          // diff mode: it includes no changed file
  // Phase 1 of a whole-project run: what it tells other units (encoded,
  // SummaryCodec.h); the result cache keeps it in a file of its own.
  std::optional<std::string> summaries;
};

} // namespace chcheck::cli
