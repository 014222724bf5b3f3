// Diff mode: the lines a change adds or modifies, from a unified diff
// (`git diff -U0 origin/main...`, any context size) or from git itself.
#pragma once

#include <map>
#include <set>
#include <string>

namespace chcheck::cli {

// Absolute path -> 1-based line numbers of added or changed lines in the new
// version.  A deleted file has none; a file with only deletions has none.
using ChangedLines = std::map<std::string, std::set<unsigned>>;

// Parses a unified diff; paths (after stripping git's "b/") are relative to
// `root`.  Throws UsageError naming the line of a malformed hunk header.
ChangedLines parseUnifiedDiff(const std::string &diff, const std::string &root,
                              const std::string &name);

// The top directory of the git work tree containing `directory`, or "".
std::string gitTopLevel(const std::string &directory);

// The diff from the merge base of `revision` and HEAD to the working tree,
// run in `directory`'s work tree.  Throws UsageError with git's message.
ChangedLines changedSince(const std::string &revision, const std::string &directory);

} // namespace chcheck::cli
