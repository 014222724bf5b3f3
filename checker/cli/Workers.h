// Runs work items in child processes, a few at a time: whatever one item does
// (a crash of the engine, a stack overflow on a pathological expression, an
// abort inside Clang) ends its own process only, and the parent reports it as
// that item's failure while the others' results survive.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace chcheck::cli {

struct WorkerOutcome {
  bool completed = false; // the child returned a payload and exited normally
  std::string payload;
  std::string failure;    // otherwise: "crashed (SIGSEGV, segmentation fault)", ...
};

// Calls `work(i)` for each i in [0, count) in forked worker processes, at
// most `parallel` of them, each running items one after the other; the
// string `work` returns is the payload.  A worker that dies fails the item it
// was running, and a new one takes the remaining items.  `started(i)` runs in
// the parent as item i is handed out (in index order), `finished(i, outcome)`
// as it ends (in completion order).
void runInWorkers(std::size_t count, unsigned parallel,
                  const std::function<std::string(std::size_t)> &work,
                  const std::function<void(std::size_t)> &started,
                  const std::function<void(std::size_t, WorkerOutcome)> &finished);

} // namespace chcheck::cli
