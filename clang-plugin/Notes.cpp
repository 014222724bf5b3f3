#include "Notes.h"

namespace chcheck::tidy {

std::vector<Note> notesOf(const LocatedFinding &finding) {
  std::vector<Note> notes;
  auto add = [&](clang::SourceLocation loc, std::string message) {
    if (loc.isValid())
      notes.push_back({loc, std::move(message)});
  };
  for (const LocatedStep &step : finding.path)
    add(step.loc, step.message);
  // Each goroutine's steps are prefixed with its name: interleaved with the
  // others' by location order in an editor, they must still say whose they are.
  for (const LocatedThread &thread : finding.threads)
    for (const LocatedStep &step : thread.steps)
      add(step.loc, thread.name + ": " + step.message);
  const std::size_t threads = finding.threads.size();
  for (const LocatedWaitEdge &wait : finding.waits) {
    if (wait.from < threads && wait.to < threads)
      add(wait.at, finding.threads[wait.from].name + " waits for " +
                       finding.threads[wait.to].name + ": " + wait.label);
    else
      add(wait.at, wait.label);
  }
  return notes;
}

} // namespace chcheck::tidy
