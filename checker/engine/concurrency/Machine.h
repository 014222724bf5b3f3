// The abstract machine the concurrency explorer runs: goroutines executing
// skeletons, a memory of places, and the synchronisation objects they share
// (channels with their buffered count, mutexes with owner and readers,
// WaitGroup counters, condition variables, contexts, timers).  Values are
// concrete where the code says (a make, a constant, a flag set) and unknown
// elsewhere; a branch on an unknown flag picks a value and keeps it, so
// correlated branches stay consistent.
#pragma once

#include "../skeleton/Skeletons.h"

#include "clang/Basic/SourceLocation.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace chcheck::concurrency {

using ir::PlaceId;

// A memory address: a root instance (a frame's parameter or local, a heap
// allocation, a global) followed by steps.
struct Address {
  ir::Root root;
  std::uint32_t instance = 0; // the frame or allocation it belongs to (0: globals, entry values)
  std::vector<ir::Step> steps;
  friend auto operator<=>(const Address &, const Address &) = default;
};
using AddrId = std::uint32_t;

class AddressTable {
public:
  AddrId intern(const Address &a);
  AddrId child(AddrId base, ir::Step s);
  const Address &get(AddrId id) const { return addrs_[id]; }
  // The address with the same root and steps in another instance.
  AddrId rebase(AddrId a, std::uint32_t instance);

private:
  std::map<Address, AddrId> ids_;
  std::vector<Address> addrs_;
  // Canonicalisation renumbers every address of every state it sees: the
  // same (address, instance) pairs over and over.
  std::unordered_map<std::uint64_t, AddrId> rebased_;
};

using ObjRef = std::uint32_t;
constexpr ObjRef kNoObj = ~ObjRef(0);

// Unknown values carry a symbol (0: none): copies of one unknown share it,
// and a branch that decides it fixes it for all of them (an unknown but
// fixed value: correlated tests stay consistent).
struct Value {
  // Message: an aggregate in a channel (its parts are kept under the
  // address `num` until it is received).
  enum class Kind : std::uint8_t { Unset, Null, Object, Address, Unknown, Bool, Int, Message };
  Kind kind = Kind::Unset;
  ObjRef obj = kNoObj;  // Object
  std::int64_t num = 0; // Bool, Int; Address: the AddrId pointed to; Unknown: its symbol
  friend auto operator<=>(const Value &, const Value &) = default;
};

// Everything the machine creates: channels, heap objects, closures, ...
struct Object {
  enum class Kind : std::uint8_t { Channel, Closure, Canceller, Thread };
  Kind kind = Kind::Channel;
  const void *site = nullptr;               // where it was made
  clang::SourceLocation loc;
  // Channel
  std::optional<std::uint64_t> capacity;    // unknown: the channel is not judged
  bool context = false;                     // a context's done channel
  ObjRef parent = kNoObj;                   // a context's parent's done channel
  // Closure / Function
  std::vector<const clang::FunctionDecl *> callees;
  std::vector<std::pair<std::uint32_t, AddrId>> captures; // capture index -> address
  // Canceller: the context (its done channel); Thread: the goroutine
  ObjRef target = kNoObj;
  std::uint32_t goroutine = 0;
  friend bool operator==(const Object &, const Object &) = default;
};

struct ChannelState {
  std::vector<Value> buffer;          // values sent and not yet received, oldest first
  bool closed = false;
  clang::SourceLocation closedAt;     // the close, for a send or close that then panics
  std::uint32_t closedBy = 0;         // goroutine id + 1
  bool escaped = false; // code we do not see may use it: it is never judged
  friend bool operator==(const ChannelState &, const ChannelState &) = default;
};

struct LockState {
  std::uint32_t owner = 0;         // goroutine id + 1, 0: none
  std::vector<std::uint32_t> readers; // goroutine ids holding a read lock (sorted)
  std::uint32_t writerWaiting = 0; // goroutine id + 1 of a writer that announced itself
  clang::SourceLocation lockedAt;  // where the owner (or the last reader) took it
  bool escaped = false;
  friend bool operator==(const LockState &, const LockState &) = default;
};

struct GroupState {
  std::int64_t counter = 0;
  bool escaped = false;
  friend bool operator==(const GroupState &, const GroupState &) = default;
};

struct Frame {
  const ir::Skeleton *sk = nullptr;
  std::uint32_t node = 0;
  std::uint32_t event = 0;           // next event in the node
  std::uint32_t instance = 0;        // this frame's own places
  std::map<ir::Root, AddrId> aliases; // by-reference bindings
  AddrId result = ~0u;               // where the caller wants the return value
  const clang::Type *resultType = nullptr; // the callee's return type (null: void)
  clang::SourceLocation callLoc;     // the call that made this frame
  std::map<const void *, std::uint32_t> heap; // allocation site -> its latest instance here
  friend bool operator==(const Frame &, const Frame &) = default;
};

struct Goroutine {
  enum class Status : std::uint8_t { Running, Done, Panicked };
  Status status = Status::Running;
  std::vector<Frame> stack;
  clang::SourceLocation spawnLoc;     // invalid for the root
  const clang::FunctionDecl *body = nullptr;
  std::uint32_t spawnedBy = 0;        // goroutine id + 1
  const char *noun = nullptr;         // what its library calls it ("fiber"); null: goroutine
  // A timer, or a goroutine that only calls a context's cancel function
  // (go(cancel)): fires once, at any time, and never blocks.
  bool timer = false;
  bool cancels = false;               // go(cancel) rather than a timer
  ObjRef fires = kNoObj;              // a timer's channel (after) or context (deadline, cancel)
  // A Cond waiter: waiting for a signal, then to take the lock back.
  AddrId condWaiting = ~0u;
  bool condSignalled = false;
  friend bool operator==(const Goroutine &, const Goroutine &) = default;
};

struct MachineState {
  std::vector<Goroutine> goroutines;
  std::map<AddrId, Value> memory;
  std::vector<Object> objects;
  std::map<ObjRef, ChannelState> channels;
  std::map<AddrId, LockState> locks;
  std::map<AddrId, GroupState> groups;
  std::map<std::int64_t, Value> symbols; // unknowns a branch has decided
  std::uint32_t nextInstance = 1;
  std::int64_t nextSymbol = std::int64_t(1) << 40;
  // Some branch on this path went on a value the machine does not know: a
  // guess that what it assumed is possible (correlations it does not track
  // may rule it out).
  bool guessed = false;
  friend bool operator==(const MachineState &, const MachineState &) = default;
};

std::size_t hashState(const MachineState &s);

} // namespace chcheck::concurrency
