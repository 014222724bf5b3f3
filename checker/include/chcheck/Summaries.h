// Facts that cross translation units: what a function defined in one file
// does to the channels its callers hand it, in terms any other translation
// unit can read back (parameter positions and field names, files and lines,
// never AST pointers).  Phase 1 of a whole-project run exports them for every
// function with external linkage defined in a main file; phase 2 imports the
// union, so a call to a function without a body here runs its summary.
#pragma once

#include "chcheck/Finding.h"

#include <map>
#include <string>
#include <vector>

namespace chcheck {

// A place the caller can see, in the callee's terms: a parameter (or the
// object of a method) followed by field names and dereferences ("*").
struct SummaryPath {
  static constexpr int kThis = -1;
  int root = 0;
  std::vector<std::string> steps;
  friend auto operator<=>(const SummaryPath &, const SummaryPath &) = default;
};

// A caller's flag that held when the operation ran (a branch on it).
struct SummaryGuard {
  SummaryPath flag;
  bool value = false;
  friend auto operator<=>(const SummaryGuard &, const SummaryGuard &) = default;
};

// A send or close on a channel the caller handed over, reached while the
// callee itself had not closed it.
struct SummaryOp {
  bool close = false;     // else a send
  bool definite = false;  // a close on every normal return
  SummaryPath channel;
  SourcePoint at;
  std::vector<SummaryGuard> guards;
  friend auto operator<=>(const SummaryOp &, const SummaryOp &) = default;
};

struct FunctionSummary {
  std::string usr;   // clang::index::generateUSRForDecl
  std::string name;  // for messages
  unsigned params = 0;
  std::vector<SummaryOp> ops;
  // Every reference or flag of the caller it may overwrite: the caller no
  // longer knows them after the call (a superset, or no summary at all).
  std::vector<SummaryPath> writes;
  friend auto operator<=>(const FunctionSummary &, const FunctionSummary &) = default;
};

// A lock-order edge taken on a thread some function of the file starts:
// `acquired` taken while `held` is held, locks named by lock class with
// qualified names (a mutex member is one class per field), as every file
// names them.
struct LockEdgeSummary {
  std::string held, acquired;         // "bank::Account::mu_"
  std::string heldName, acquiredName; // as messages show them: "Account::mu_"
  bool heldShared = false, acquiredShared = false;
  std::vector<std::string> gates;     // other locks held throughout (classes)
  SourcePoint heldAt, acquiredAt, startedAt;
  std::string chain;    // "worker → Bank::transfer": from the thread's body to the acquisition
  std::string thread;   // "the thread started at a.cpp:30"
  std::string starter;  // the function that starts it
  std::string region;   // the region (Finding::function)
  friend auto operator<=>(const LockEdgeSummary &, const LockEdgeSummary &) = default;
};

// What phase 1 of one translation unit exports and needs.
struct TranslationUnitSummaries {
  std::vector<FunctionSummary> functions; // defined here, external linkage
  std::vector<std::string> unseenCallees; // USRs of functions called here without a body
  std::vector<LockEdgeSummary> lockEdges; // on threads started here
};

using SummaryIndex = std::map<std::string, FunctionSummary>; // by USR

} // namespace chcheck
