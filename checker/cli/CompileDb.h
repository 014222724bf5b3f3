// Where compile commands come from: a compile_commands.json (CMake, bear,
// `ninja -t compdb`) or the sources and flags of the command line.  Entries
// a CI runner's database typically gets wrong (a `directory` that does not
// exist on this machine, a relative `file`, a FIFO) become tool errors of
// their own; the other entries are still analysed.
#pragma once

#include "chcheck/Output.h"

#include <optional>
#include <string>
#include <vector>

namespace chcheck::cli {

struct CompileCommand {
  std::string file;                   // absolute, lexically normal
  std::string directory;              // absolute working directory of the compiler
  std::vector<std::string> arguments; // argv; argv[0] is the compiler
};

struct CommandList {
  std::vector<CompileCommand> commands; // in input order
  std::vector<ToolError> errors;        // in input order
};

// `path` is compile_commands.json or the directory holding it.  A database
// that cannot be read, is not JSON (a truncated file) or has no entries gives
// one error and no commands; a malformed entry gives an error for it alone.
CommandList readCompileDatabase(const std::string &path);

// The database's commands for the named sources, in the order named (every
// command of a file compiled several ways); a source the database lacks is
// an error.
CommandList selectSources(CommandList all, const std::vector<std::string> &sources);

// One command per source: `clang-tool <flags> <source>` in the current
// directory (no database).
CommandList commandsForSources(const std::vector<std::string> &sources,
                               const std::vector<std::string> &flags);

// Drops the commands whose file or directory cannot be used: a missing or
// unreadable file, a directory, a FIFO or device (reading it would hang or
// yield nothing), a working directory that does not exist.  Each problem is
// an error, reported once per file.
CommandList checkInputs(CommandList list);

// The absolute, lexically normal form of `path` (relative to `base`, or to
// the current directory when `base` is empty).
std::string absolutePath(const std::string &path, const std::string &base = "");

} // namespace chcheck::cli
