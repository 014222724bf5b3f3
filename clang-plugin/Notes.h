// The notes clang-tidy shows under a channel-* warning: the finding's path
// (made, closed, ... in program order), then for a blocking bug each
// goroutine's steps and the wait-for edges between goroutines.
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
// no file or line, detached from the code they explain.
std::vector<Note> notesOf(const LocatedFinding &finding);

} // namespace chcheck::tidy
