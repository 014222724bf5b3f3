#include "Notes.h"

namespace chcheck::tidy {

std::vector<Note> notesOf(const LocatedFinding &finding) {
  std::vector<Note> notes;
  for (const LocatedStep &step : finding.path)
    if (step.loc.isValid())
      notes.push_back({step.loc, step.message});
  return notes;
}

} // namespace chcheck::tidy
