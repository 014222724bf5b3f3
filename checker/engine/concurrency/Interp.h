// Running goroutines of the abstract machine: memory and values, the
// invisible events a goroutine runs on its own (copies, flags, counters,
// calls, returns, branches), and the visible ones it must interleave with
// others (channel operations, locks, WaitGroups, Conds, go, join).
#pragma once

#include "Machine.h"

#include <functional>

namespace chcheck::concurrency {

// A goroutine's visible step, as a witness shows it.
struct Step {
  std::uint32_t goroutine = 0;
  clang::SourceLocation loc;
  std::string what;
  unsigned depth = 0; // calls between the goroutine's body and the step
};

// What ended the program: a panic, with Go's message and the rule it breaks.
struct Panic {
  std::string rule;      // "CH101", "CH102", "CH103", "CH205"
  std::string message;   // Go's panic text
  clang::SourceLocation loc;
  std::string subject;   // the channel or WaitGroup as written
  std::uint32_t goroutine = 0;
  clang::SourceLocation otherLoc; // the close that made a send or close panic
  std::uint32_t otherGoroutine = ~0u;
};

struct Successor {
  MachineState state;
  std::vector<Step> steps;
  std::optional<Panic> panic;
};

class Interp {
public:
  Interp(ir::Skeletons &skeletons, AddressTable &addresses);

  MachineState initial(const clang::FunctionDecl *root);
  std::vector<Successor> successors(const MachineState &s);

  // The visible event a running goroutine is stopped before, or null (done).
  const ir::Event *nextEvent(const MachineState &s, std::uint32_t g) const;
  // Whether goroutine g can take its next step in s (not blocked).
  bool enabled(const MachineState &s, std::uint32_t g);
  // The channel / lock / group object an event of goroutine g acts on.
  Value channelOf(const MachineState &s, std::uint32_t g, PlaceId place);
  AddrId storageOf(const MachineState &s, std::uint32_t g, PlaceId place);
  // Whether `a` is storage of a frame that has returned (or of an allocation
  // no running frame made last), whose state the search dropped.
  bool inReturnedFrame(const MachineState &s, AddrId a) const;
  std::string describe(const ir::Event &e, const ir::SelectCase *c = nullptr) const;
  // What an event of frame f acts on: a channel (object id) or a lock,
  // WaitGroup or Cond (address), tagged; nullopt when it cannot be told.
  std::optional<std::uint64_t> target(const MachineState &s, const Frame &f, const ir::Event &e,
                                      PlaceId place) const;
  bool escapedChannel(const MachineState &s, const Value &v) const;
  ir::Skeletons &skeletons() { return S; }
  bool budgetExceeded() const { return overflow_; }
  // Renames fresh unknowns and renumbers frames and allocations so that equal states
  // compare equal (Canonical.cpp).
  void canonicalize(MachineState &s) const;

private:
  // memory
  AddrId resolve(MachineState &s, std::uint32_t g, PlaceId place, bool *known = nullptr);
  AddrId resolveIn(const MachineState &s, const Frame &f, PlaceId place, bool *known) const;
  AddrId addressOfRoot(const MachineState &s, const Frame &f, const ir::Root &r) const;
  Value read(const MachineState &s, AddrId a) const;
  Value fresh(MachineState &s);           // an unknown of its own
  Value zero(ir::ValueKind k) const;      // what a receive from a closed channel yields
  void write(MachineState &s, AddrId a, Value v);
  Value load(MachineState &s, std::uint32_t g, PlaceId place);
  void copyValue(MachineState &s, std::uint32_t g, PlaceId dst, PlaceId src, const clang::Type *aggregate,
                 bool move);
  ObjRef newObject(MachineState &s, Object o);
  void escape(MachineState &s, std::uint32_t g, PlaceId place, const clang::Type *aggregate);
  void escapeAddress(MachineState &s, AddrId a);

  // running a goroutine up to its next visible event
  void advance(MachineState s, std::uint32_t g, std::vector<MachineState> &out);
  bool invisible(const ir::Event &e) const;
  void execute(MachineState &s, std::uint32_t g, const ir::Event &e, std::vector<MachineState> &forks);
  void call(MachineState &s, std::uint32_t g, const ir::Event &e, std::vector<MachineState> &forks);
  bool enter(MachineState &s, std::uint32_t g, const ir::Event &e, const clang::FunctionDecl *fn,
             ObjRef closure, Frame &out, std::uint32_t callerGoroutine);
  void unknownCall(MachineState &s, std::uint32_t g, const ir::Event &e);
  std::vector<std::pair<const clang::FunctionDecl *, ObjRef>> targets(MachineState &s, std::uint32_t g,
                                                                      const ir::Event &e);
  void returnFrom(MachineState &s, std::uint32_t g);
  // branch: the successors a node's condition allows, each with its state
  void chooseSuccessor(MachineState &s, std::uint32_t g, std::vector<MachineState> &forks);
  // visible steps (Sync.cpp)
  void stepOne(const MachineState &s, std::uint32_t g, std::vector<Successor> &out);
  void finish(MachineState s, std::vector<std::uint32_t> moved, std::vector<Step> steps,
              std::optional<Panic> panic, std::vector<Successor> &out);
  bool tryLock(MachineState &s, std::uint32_t g, AddrId lock, bool shared, bool writerPreferring,
               clang::SourceLocation at);
  void unlock(MachineState &s, std::uint32_t g, AddrId lock, bool shared);
  void rendezvous(const MachineState &s, std::uint32_t sender, const ir::Event &se, const ir::SelectCase *sc,
                  ObjRef ch, std::vector<Successor> &out);
  void received(MachineState &s, std::uint32_t g, const ir::Event &e, const ir::SelectCase *c, bool ok,
                Value v);
  // Writes an operation's status (ChannelSemantics) where it goes.
  void setInt(MachineState &s, std::uint32_t g, PlaceId dst, std::int64_t value);
  Value sentValue(MachineState &s, std::uint32_t g, const ir::Event &e, const ir::SelectCase *c);
  // A send on a channel the machine does not judge: code it cannot see may
  // receive the value, so what it refers to escapes.
  void sentAway(MachineState &s, std::uint32_t g, const ir::Event &e, const ir::SelectCase *c);
  void pickCase(MachineState &s, std::uint32_t g, std::size_t index);
  std::uint32_t spawn(MachineState &s, std::uint32_t g, const ir::Event &e);
  // Where a new goroutine goes: the slot of a finished one nothing refers
  // to any more (a loop that starts a goroutine or a timer on every
  // iteration comes back to a state it has seen), else a new slot; ~0u
  // (and the search gives up) beyond kMaxGoroutines.
  std::uint32_t freeSlot(MachineState &s);
  std::uint32_t place(MachineState &s, Goroutine g);
  void cancel(MachineState &s, ObjRef done);
  bool writerPreferring(const MachineState &s, std::uint32_t g, const ir::Event &e) const;

  ir::Skeletons &S;
  ir::PlaceTable &P;
  AddressTable &A;
  bool overflow_ = false;
  static constexpr unsigned kMaxDepth = 12;
  // Bounds on running a goroutine to its next visible event: beyond them
  // the search gives up (and says nothing).
  static constexpr unsigned kMaxInvisibleSteps = 20000;
  static constexpr unsigned kMaxInvisiblePaths = 512;
  // All the invisible steps of one region's search: with the state budget,
  // what bounds its time (about a second).
  static constexpr std::uint64_t kMaxWork = 1000000;
  std::uint64_t work_ = 0;
  static constexpr unsigned kMaxGoroutines = 12;
  static constexpr unsigned kMaxObjects = 256;
};

} // namespace chcheck::concurrency
