// The Clang side of the CLI: loads the compilation database, parses every
// translation unit (in parallel) and hands each AST to the engine.  Kept
// apart from Main.cpp so only this file compiles against Clang's headers.
#pragma once

#include "chcheck/Finding.h"
#include "chcheck/Output.h"

#include <set>
#include <string>
#include <vector>

namespace chcheck::cli {

struct AnalysisRequest {
  std::string compileDatabase;          // -p: a directory or a compile_commands.json; empty: none
  std::vector<std::string> sources;     // empty with -p: every file of the database
  std::vector<std::string> extraFlags;  // after `--`
  std::set<std::string> enabledRules;
  unsigned jobs = 1;
  bool progress = false;
};

struct AnalysisResult {
  std::vector<Finding> findings;  // every TU's, sorted and deduplicated
  std::vector<ToolError> errors;  // in input order; non-empty means exit status 2
};

AnalysisResult analyze(const AnalysisRequest &request);

} // namespace chcheck::cli
