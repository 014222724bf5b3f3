// Facts of the lock-order analysis: for each function that starts threads or
// goroutines (a region), the order in which each of them and the function
// itself acquire locks — lock-order edges "B taken while A is held", with
// where A and B were taken and through which calls — and which of them may
// run at the same time.  The analysis judges nothing: CH204 decides which
// pairs of edges are an inversion (rules/LockOrderInversion.cpp).
#pragma once

#include "../skeleton/Skeletons.h"

#include "clang/Basic/SourceLocation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace chcheck {

// A lock as the order graph sees it.  `key` is the lock class, as in Linux's
// lockdep: a mutex member is one class per field path from its object
// (Account::mu_ of every account; DBImpl::mutex_.mu_ for a wrapper's mutex
// inside DBImpl::mutex_), a global or a local of the region's function one
// class each.  `instance` is set when the analysis knows which object it is
// (a global, or a local of the region's function and its fields): two locks
// of one class with different known instances are different locks.
struct LockNode {
  std::string key;
  ir::PlaceId instance = ir::kNoPlace;
  std::string name;                 // "Account::mu_", "g_registry_mu", "a.mu_"
  // The class as every translation unit names it ("bank::Account::mu_"),
  // or empty: a lock private to this file (a local, a static, a class in an
  // anonymous namespace) or to no class (an element of a container).
  std::string project;
};

// A call on the way from a thread's body to a lock operation.
struct LockCall {
  const clang::FunctionDecl *callee = nullptr;
  clang::SourceLocation at;
  std::string name; // the callee: "Bank::transfer", "lambda at line 12"
};

// Where a lock is taken: the operation (or guard) and the calls leading to
// it from the body of the thread that takes it.
struct LockSite {
  clang::SourceLocation loc;
  std::vector<LockCall> via;
  std::string where; // "bank.cpp:12"
};

// `acquired` is taken (blocking) while `held` is held.
struct LockOrderEdge {
  LockNode held, acquired;
  bool heldShared = false, acquiredShared = false; // read locks
  LockSite heldAt, acquiredAt;
  // Other locks surely held at the same moment (held exclusively): a lock
  // both edges hold is a gate that keeps them apart.
  std::vector<LockNode> gates;
  // Threads of the region (indices) started earlier by the thread taking
  // the edge and possibly still running.
  std::uint64_t liveThreads = 0;
};

// A thread of a region: a started thread or goroutine, or (index -1 in
// edges' terms) the region's function itself.
struct LockThread {
  const clang::FunctionDecl *body = nullptr;
  std::string name;                 // "the goroutine started at line 30", "'main'"
  std::string bodyName;             // "worker", "lambda at line 30"
  bool goroutine = true;            // chan::go rather than std::thread
  clang::SourceLocation startedAt;
  int parent = -1;                  // the thread that started it (-1: the region's function)
  std::uint64_t concurrent = 0;     // threads it surely may overlap with (started while it runs)
  bool many = false;                // started more than once (a loop, or two calls)
  std::vector<LockOrderEdge> edges;
};

struct LockRegion {
  const clang::FunctionDecl *function = nullptr;
  std::string name;                 // the function's name
  std::vector<LockOrderEdge> edges; // taken by the function itself
  std::vector<LockThread> threads;
};

struct LockOrderFacts {
  clang::ASTContext *ctx = nullptr;
  std::vector<LockRegion> regions;
};

namespace locks {

// Computes the regions of the functions given (every function that starts
// a thread, directly or through a call).
void computeFacts(ir::Skeletons &skeletons, llvm::ArrayRef<const clang::FunctionDecl *> functions,
                  LockOrderFacts &out);

} // namespace locks
} // namespace chcheck
