// Reading inputs and writing outputs the way a CI gate needs: outputs appear
// whole or not at all (temp file + rename), so a reader never sees half a
// report and a failed run leaves no stale report that looks like its own.
#pragma once

#include <optional>
#include <string>

namespace chcheck::cli {

// The file's contents, or standard input for "-"; nullopt with `error` set.
std::optional<std::string> readInput(const std::string &path, std::string &error);

// Writes `contents` to a temporary file next to `path` and renames it over
// `path`.  Returns false with `error` set if that fails (nothing is left).
bool writeAtomically(const std::string &path, const std::string &contents, std::string &error);

// Removes `path` if it exists (a report of an earlier run).  Returns false
// with `error` set if it exists and cannot be removed.
bool removeStale(const std::string &path, std::string &error);

} // namespace chcheck::cli
