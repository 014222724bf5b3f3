// What the engine reports and front ends render.  Plain data: nothing here
// knows about Clang, output formats, or any particular rule.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace chcheck {

enum class Severity { Note, Warning, Error };

// A point in a source file.  `file` is the path as the compiler opened it,
// made absolute; line and column are 1-based (column counts bytes, as Clang's
// diagnostics do).
struct SourcePoint {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;

  friend bool operator==(const SourcePoint &, const SourcePoint &) = default;
  friend auto operator<=>(const SourcePoint &, const SourcePoint &) = default;
};

// One step that explains a finding ("channel 'ch' is made here", "closed
// here", "goroutine 'worker' blocks here").  Steps are in program order (for
// a blocking bug: the witness interleaving); the finding's own location is not
// repeated as a step.  `nesting` counts the calls between the function the
// finding is in and the step (0: the step is in that function).
struct PathStep {
  SourcePoint loc;
  std::string message;
  unsigned nesting = 0;
};

// One goroutine's part of a witness: the steps it takes, in order, from where
// it was started to where it blocks.  SARIF renders each as a threadFlow.
struct ThreadFlow {
  std::string name;             // "main", "goroutine started at x.cpp:12"
  std::vector<PathStep> steps;
};

// An edge of a wait-for graph (blocking bugs): goroutine `threads[from]`
// waits, at `at`, for something only `threads[to]` can do.
struct WaitEdge {
  std::size_t from = 0, to = 0;
  SourcePoint at;
  std::string label;            // "send on 'results' waits for a receiver"
};

struct Finding {
  std::string ruleId;       // "CH101"; the catalog maps it to name and metadata
  Severity severity = Severity::Warning;
  SourcePoint loc;          // where the misuse is
  std::string message;      // names the channel, e.g. "send on channel 'ch' that is closed on every path"
  std::string subject;      // the channel (lock, goroutine) as the user writes it: "ch", "d.queue"
  std::string function;     // qualified name of the enclosing function (fingerprint input)
  std::vector<PathStep> path;
  // Blocking bugs: the witness per goroutine (empty for single-goroutine
  // findings, whose `path` is the one flow).
  std::vector<ThreadFlow> threads;
  std::vector<WaitEdge> waits;  // CH203: the cycle; empty otherwise
};

const char *severityName(Severity s); // "note", "warning", "error"

} // namespace chcheck
