// The analysis engine's entry point for front ends (the CLI, the clang-tidy
// module, the pull-request gate).  Front ends hand over a parsed translation
// unit and the rules to run; they never see facts or rule internals.
// Findings come back located by clang::SourceLocation, so a front end inside
// Clang (clang-tidy) can emit them through its own diagnostics; `locate`
// turns one into the plain Finding the CLI renders.
#pragma once

#include "chcheck/Finding.h"
#include "chcheck/Summaries.h"

#include "clang/Basic/SourceLocation.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class SourceManager;
} // namespace clang

namespace chcheck {

struct LocatedStep {
  clang::SourceLocation loc;
  std::string message;
  unsigned nesting = 0;
};

struct LocatedThread {
  std::string name;
  std::vector<LocatedStep> steps;
};

struct LocatedWaitEdge {
  std::size_t from = 0, to = 0;
  clang::SourceLocation at;
  std::string label;
};

struct LocatedFinding {
  std::string ruleId;
  Severity severity = Severity::Warning;
  clang::SourceLocation loc;
  std::string message;
  std::string subject;
  std::string function;
  std::vector<LocatedStep> path;
  std::vector<LocatedThread> threads;
  std::vector<LocatedWaitEdge> waits;
};

// Counters a front end may print (`--stats`).
struct EngineStats {
  std::uint64_t functions = 0;      // function bodies reduced to skeletons
  std::uint64_t regions = 0;        // concurrency regions explored
  std::uint64_t states = 0;         // abstract states visited by the explorer
  std::uint64_t budgetHits = 0;     // regions given up on (state budget): no finding from them
};

struct EngineOptions {
  std::set<std::string> enabledRules;  // ids ("CH101"); only the analyses they need run
  std::uint64_t stateBudget = 20000;   // explorer: states per region before giving up (about 2 s)
};

// A whole-project run's facts from and for other translation units.
struct CrossUnitFacts {
  const SummaryIndex *imports = nullptr;       // phase 2: other files' summaries
  TranslationUnitSummaries *exports = nullptr; // phase 1: this file's
};

// Ids ("CH101", ...) of every rule the engine implements, in id order.
std::vector<std::string> implementedRuleIds();

// Runs the analyses the enabled rules need, once, and every enabled rule.
// Findings located in system headers are dropped.  The result is sorted by
// location, rule id and message, and free of exact duplicates.
std::vector<LocatedFinding> analyzeTranslationUnit(clang::ASTContext &ctx,
                                                   const EngineOptions &options,
                                                   EngineStats *stats = nullptr,
                                                   const CrossUnitFacts &crossUnit = {});

// The findings only the whole project shows, from every unit's phase-1
// summaries: CH204 lock-order inversions between threads of different files
// (when `options` enable CH204).  Sorted, each once.
std::vector<Finding> checkProject(const std::vector<const TranslationUnitSummaries *> &units,
                                  const EngineOptions &options);

// The finding with its locations resolved to files, lines and columns (the
// file made absolute, macro locations mapped to where they are expanded).
Finding locate(const LocatedFinding &f, const clang::SourceManager &sm);
SourcePoint locatePoint(clang::SourceLocation loc, const clang::SourceManager &sm);

} // namespace chcheck
