// Turns a build's compile command into the command chcheck parses: output
// and dependency-file flags removed, -fsyntax-only, the user's
// --extra-arg-before/--extra-arg/--remove-arg (clang-tidy's conventions),
// flags Clang does not know (GCC-only ones) dropped, and Clang's resource
// directory.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace chcheck::cli {

struct ArgumentEdits {
  std::vector<std::string> before;      // inserted after argv[0]
  std::vector<std::string> after;       // appended (before a "--")
  std::vector<std::string> removeGlobs; // fnmatch(3) patterns of flags to drop
  std::string resourceDir;              // -resource-dir unless the command has one
};

class ArgumentAdjuster {
public:
  explicit ArgumentAdjuster(ArgumentEdits edits) : edits_(std::move(edits)) {}
  std::vector<std::string> adjust(const std::vector<std::string> &argv, const std::string &file);
  // Flags dropped because Clang does not know them, with how many commands
  // had each.
  const std::map<std::string, unsigned> &droppedUnknown() const { return dropped_; }

private:
  ArgumentEdits edits_;
  std::map<std::string, unsigned> dropped_;
};

} // namespace chcheck::cli
