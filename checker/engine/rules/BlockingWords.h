// Words the blocking rules share to describe what the explorer found.
#pragma once

#include "../Rule.h"

namespace chcheck {

// " (on every execution)" or ", on some interleavings or branches (the
// notes show one)": how sure a blocking finding is.
inline std::string howSure(const BlockingFact &f) {
  return f.everyExecution ? std::string()
                          : " on some interleavings or branches (the notes show one, in order)";
}

// "main", "the goroutine started at line 12".
inline const std::string &threadOf(const BlockingFact &f) { return f.threads[f.thread].name; }

// "channel 'ch'" or "its channel" when the operand has no name we can print.
inline std::string named(const char *what, const std::string &subject) {
  return subject.empty() ? std::string("its ") + what : std::string(what) + " '" + subject + "'";
}

} // namespace chcheck
