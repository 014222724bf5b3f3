// Lock summaries (internal to locks/): what a function does with locks, in
// the terms of its own places (parameters, `this`, captures, globals), so a
// caller can apply it with its arguments — Infer's starvation analysis and
// lockdep's order graph, computed bottom-up over the skeletons.
#pragma once

#include "LockOrder.h"

#include "llvm/ADT/DenseMap.h"

#include <map>
#include <memory>
#include <set>

namespace chcheck::locks {

using ir::PlaceId;

// A place where a lock is taken, as a chain of calls from the summarised
// function (LockOrder.h's LockSite with places not yet named).
struct Held {
  PlaceId lock;
  bool shared = false;
  LockSite site;
  // Taken again after the function surely released it, a lock its caller
  // holds (a unique_lock dropped around a wait): the caller's other locks,
  // held across the call, are held while it waits for this one.
  bool retaken = false;
};

struct Edge {
  PlaceId held, acquired;
  bool heldShared = false, acquiredShared = false;
  LockSite heldAt, acquiredAt;
  std::vector<PlaceId> gates;   // other locks surely held exclusively at the time
  std::uint64_t live = 0;       // the function's threads possibly running then
};

struct Thread {
  const clang::FunctionDecl *body = nullptr;
  clang::SourceLocation startedAt;
  bool goroutine = true;        // chan::go (no thread object) rather than std::thread
  int parent = -1;
  std::uint64_t concurrent = 0;
  bool many = false;
  bool liveAtExit = false;
  std::vector<Edge> edges;
};

struct Summary {
  std::vector<Held> acquires;   // locks it may take, blocking (not try_lock)
  std::vector<Edge> edges;      // orders it creates on the thread that runs it
  std::vector<Held> heldAtExit; // taken here and surely still held when it returns
  std::vector<PlaceId> released;// locks of its caller it may release
  bool releasesUnknown = false; // it releases a lock it cannot name
  std::vector<Thread> threads;  // threads it starts (directly or through calls)
  // WaitGroups it calls done() on, channels it sends on or closes: a wait()
  // or a receive there is taken as the end of the thread that runs it.
  std::vector<PlaceId> signals;
  // Pointers it stores into its object (a guard class's constructor keeping
  // the mutex it locks): `this`'s place, then the place stored or pointed to.
  struct Store {
    PlaceId dst, src;
    bool pointsTo;               // dst := &src (else a copy of src)
  };
  std::vector<Store> stores;
};

class Summaries {
public:
  explicit Summaries(ir::Skeletons &skeletons) : S(skeletons) {}
  // The summary of `fd`, or null (no skeleton, or a recursive call).
  const Summary *get(const clang::FunctionDecl *fd);
  ir::Skeletons &skeletons() { return S; }

private:
  ir::Skeletons &S;
  std::map<const ir::Skeleton *, std::unique_ptr<Summary>> done_;
  std::set<const ir::Skeleton *> inProgress_;
};

// Computes one function's summary (Summary.cpp).
std::unique_ptr<Summary> summarise(Summaries &all, const ir::Skeleton &sk);

constexpr unsigned kMaxThreads = 64;
constexpr std::size_t kMaxEdges = 2000;
constexpr std::size_t kMaxAcquires = 500;
constexpr std::size_t kMaxVia = 12;

} // namespace chcheck::locks
