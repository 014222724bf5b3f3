// Facts of the concurrency explorer: states in which goroutines block
// forever (alone, or waiting on each other in a cycle), re-locks, and
// panics that depend on the interleaving, each with the interleaving that
// reaches it.  The CH2xx rules (and CH101-CH103 for panics another
// goroutine causes) read them.
#pragma once

#include "../skeleton/Skeleton.h"

#include "clang/Basic/SourceLocation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
}

namespace chcheck {

struct WitnessStep {
  clang::SourceLocation loc;
  std::string what;     // "sends on 'ch'", "blocks here"
  std::uint32_t thread; // index into BlockingFact::threads
};

struct WitnessThread {
  std::string name;              // "main", "the goroutine started at line 12"
  clang::SourceLocation startedAt;
  std::vector<WitnessStep> steps;
};

struct WaitFor {
  std::uint32_t from, to; // thread indices
  clang::SourceLocation at;
  std::string label;
};

struct BlockingFact {
  enum class Kind : std::uint8_t {
    Blocked,    // a goroutine blocks forever and no goroutine can ever unblock it
    Cycle,      // goroutines each blocked waiting for another of the set
    Relock,     // a goroutine waits for a lock it holds itself
    ReadRelock, // a read lock taken again while a writer waits for the first one
    Panic,      // the program panics on some interleaving
    AddRace,    // an add() from zero that may come before or after a wait() returns
  };
  Kind kind;
  bool everyExecution = false;        // every interleaving and branch reaches it
  ir::EventKind op = ir::EventKind::Send; // the operation at `loc`
  bool selectSends = false, selectReceives = false; // op == Select: its cases
  clang::SourceLocation loc;
  const clang::FunctionDecl *function = nullptr;
  std::string subject;                // the channel, lock or WaitGroup as written
  std::string threadNoun = "goroutine"; // what the threads are called ("fiber" for Boost.Fiber's)
  std::string what;                   // the operation in words: "sends on 'ch'"
  // Panic
  std::string panicRule, panicMessage;
  clang::SourceLocation otherLoc;     // the close that made a send or a close panic;
                                      // AddRace: the wait the add races
  bool otherGoroutine = false;        // ... done by another goroutine
  // the witness
  std::uint32_t thread = 0;           // the thread blocked (or panicking) at `loc`
  std::uint32_t otherThread = ~0u;    // AddRace: the thread whose wait the add races
  std::vector<WitnessThread> threads;
  std::vector<WitnessStep> interleaving; // every step, in order
  std::vector<WaitFor> waits;         // Cycle: the cycle's edges
  // Cycle: two goroutines each waiting for a lock the other holds (an AB-BA
  // lock-order inversion).
  bool lockPair = false;
};

struct ExplorerStats {
  std::uint64_t regions = 0, states = 0, budgetHits = 0;
};

} // namespace chcheck
