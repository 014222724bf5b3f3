// The concurrency explorer's entry point: the regions of a translation unit
// (functions that start goroutines, or main, with everything they and their
// goroutines call) searched for blocking bugs and interleaving-dependent
// panics.
#pragma once

#include "Blocking.h"
#include "../skeleton/Reach.h"

namespace chcheck::concurrency {

// The functions a search starts from: main, and every function that starts
// goroutines and is not itself called by another such function here; either
// must reach a synchronising operation.
std::vector<const clang::FunctionDecl *> regionRoots(ir::Skeletons &skeletons, ir::Reach &reach,
                                                     llvm::ArrayRef<const clang::FunctionDecl *> functions);

// Searches each region with at most `budget` states; a region whose search
// does not finish reports nothing (counted in stats.budgetHits).
void explore(ir::Skeletons &skeletons, llvm::ArrayRef<const clang::FunctionDecl *> functions,
             std::uint64_t budget, std::vector<BlockingFact> &out, ExplorerStats &stats);

} // namespace chcheck::concurrency
