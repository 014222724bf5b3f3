// The lifecycle analysis: channel facts (Facts.h) for the CH1xx rules, from
// the lifecycle dataflow run over every function as the analysed function.
#pragma once

#include "../Facts.h"
#include "../skeleton/Skeletons.h"

#include "chcheck/Summaries.h"

namespace chcheck::lifecycle {

// Runs the dataflow from each function with a skeleton and records one fact
// per channel operation reached (joined over the states that reach it).
// With `exports`, also summarises the functions other files may call.
void computeFacts(ir::Skeletons &skeletons, llvm::ArrayRef<const clang::FunctionDecl *> functions,
                  TranslationUnitFacts &out, std::vector<FunctionSummary> *exports = nullptr);

} // namespace chcheck::lifecycle
