// The notes clang-tidy shows under a channel-* warning: the finding's path
// in program order (made, closed, ... for a lifecycle bug; the interleaving,
// each step naming its goroutine, for a blocking bug), as the CLI's text
// output shows them.
#pragma once

#include "chcheck/Engine.h"

#include <string>
#include <vector>

namespace chcheck::tidy {

struct Note {
  clang::SourceLocation loc;
  std::string message;
};

// Steps without a location are left out: clang-tidy would print them with
// no file or line, detached from the code they explain.  A blocking bug's
// per-goroutine steps and wait-for edges are not notes: its path already is
// the interleaving that reaches it, and its message names every edge (they
// are for SARIF's thread flows and --graph).
std::vector<Note> notesOf(const LocatedFinding &finding);

} // namespace chcheck::tidy
