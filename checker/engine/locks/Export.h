// Lock-order edges for the whole-project step (Export.cpp).
#pragma once

#include "LockOrder.h"

#include "chcheck/Summaries.h"

namespace chcheck::locks {

// The edges of the threads the file's regions start, between locks every
// file can name, located and worded for a finding in another file's run.
void exportEdges(const LockOrderFacts &facts, std::vector<LockEdgeSummary> &out);

} // namespace chcheck::locks
