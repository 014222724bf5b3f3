// The Clang side of the CLI: parses one compile command and hands the AST to
// the engine.  Runs inside a worker process (Workers.h), which has changed
// into the command's directory: a crash here loses this translation unit only.
#pragma once

#include "CompileDb.h"
#include "TuResult.h"

#include <set>
#include <string>

namespace chcheck::cli {

// Parses and analyses the command.  A translation unit that does not compile
// gets its first compiler error as `error` and no findings.  Phase 1 of a
// whole-project run exports its summaries (`exportSummaries`), phase 2
// analyses it again with other units' summaries (`imports`).
TuResult analyseCommand(const CompileCommand &command, const EngineOptions &options,
                        bool exportSummaries = false, const SummaryIndex *imports = nullptr);

// Runs the preprocessor only and lists the files the translation unit reads:
// cheaper than analysing it, to tell whether a diff touches it.  A failure is
// left to analyseCommand to report: `error` is set and `files` may be partial.
TuResult scanIncludes(const CompileCommand &command);

} // namespace chcheck::cli
