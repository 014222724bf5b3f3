// The synchronisation skeleton of a function: its control-flow graph reduced
// to the events that matter for channels, locks, WaitGroups, contexts and
// goroutines, in order, with the data flow of the references that reach them
// (handles, pointers, smart pointers, containers of handles, callables) and of
// the booleans and small integers that decide branches and loop counts.
//
// Every analysis reads skeletons, never the AST: the lifecycle dataflow, the
// concurrency explorer and the lock analysis interpret the same events.  A
// call is an event too; an analysis that needs the callee's effects
// interprets the callee's skeleton with the call's bindings, so order is kept
// (a helper that sends then closes is never read as closes then sends).
//
// Operands are places: a root (a parameter, `this`, a local, a global, a
// capture of a lambda, a heap allocation site, a temporary) followed by steps
// (a field, a dereference of a pointer-like value, any element of a
// container).  Places are interned per translation unit.
#pragma once

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class Type;
class Decl;
class Expr;
class FieldDecl;
class CXXRecordDecl;
class FunctionDecl;
class ValueDecl;
class SourceManager;
} // namespace clang

namespace chcheck {
struct ChannelSemantics;
} // namespace chcheck

namespace chcheck::ir {

using PlaceId = std::uint32_t;
constexpr PlaceId kNoPlace = ~PlaceId(0);

enum class ValueKind : std::uint8_t {
  None,      // nothing the analyses follow
  Reference, // refers to objects: channel and context handles, pointers, smart pointers, callables, threads
  Storage,   // an object whose identity is its place: mutex, WaitGroup, Cond, guard, once_flag
  Aggregate, // a struct, class or container holding tracked values
  Bool,      // a flag (branches, once idioms, ownership)
  Int,       // an integer or enum (loop counts, modes, a select's chosen case)
};

enum class RootKind : std::uint8_t {
  Param,   // index: the parameter's position
  This,    // the object a method runs on
  Local,   // decl: a local variable of the function (or a binding's hidden variable)
  Global,  // decl: a namespace-scope or static variable
  Capture, // index: a lambda's capture (its place is bound when the closure is made)
  Heap,    // site: an object allocated at an expression (new, make_shared, a lambda's closure)
  Temp,    // index: a temporary of the function
  Return,  // the function's return value
};

enum class StepKind : std::uint8_t {
  Field,   // field: a member of a struct or class
  Deref,   // what a pointer, reference wrapper, smart pointer or iterator points to
  Element, // any element of a container (one summary place for all of them)
  Lock,    // the lock a guard (unique_lock, shared_lock) or a Cond refers to: a pointer
  Flag,    // a guard's "owns its lock"; a Cond's "its lock is the read side"
  Size,    // a sequence container's number of elements (an int), where the code makes it certain
};

struct Step {
  StepKind kind;
  const clang::FieldDecl *field = nullptr; // Field only
  friend auto operator<=>(const Step &, const Step &) = default;
};

struct Root {
  RootKind kind;
  const void *key = nullptr; // Local/Global: the VarDecl; Heap: the allocating Expr
  std::uint32_t index = 0;   // Param, Capture, Temp
  friend auto operator<=>(const Root &, const Root &) = default;
};

struct Place {
  Root root;
  std::vector<Step> steps;
  friend auto operator<=>(const Place &, const Place &) = default;
};

// Interns places; one per translation unit, shared by every skeleton.
class PlaceTable {
public:
  PlaceId intern(const Place &p);
  PlaceId root(Root r) { return intern(Place{r, {}}); }
  PlaceId child(PlaceId base, Step s);
  // `base` with the steps of `suffix` (a place rooted elsewhere) appended.
  PlaceId rebase(PlaceId base, const std::vector<Step> &suffix);
  const Place &get(PlaceId id) const { return places_[id]; }
  // Whether `p` is `prefix` or lies under it.
  bool within(PlaceId p, PlaceId prefix) const;

private:
  std::map<Place, PlaceId> ids_;
  std::vector<Place> places_;
};

// A branch condition the analyses can evaluate.  Anything else is Opaque:
// the explorer treats it as a fixed unknown per site and evaluation, the
// dataflow as either way.
struct Condition {
  enum class Kind : std::uint8_t {
    Opaque,
    Bool,    // place holds a bool (a flag, recv_ok's ok, a try_lock result)
    NotNull, // place holds a reference-like value (handle, pointer, callable)
    IntLess, // place < value (loop counters against constants)
    IntEq,   // place == value (a select's chosen case, an enum)
  };
  Kind kind = Kind::Opaque;
  PlaceId place = kNoPlace;
  std::int64_t value = 0;
  PlaceId other = kNoPlace;   // IntLess/IntEq: compare with this place instead of `value`
  const void *site = nullptr; // Opaque: the condition expression
};

enum class EventKind : std::uint8_t {
  // References: handles, pointers, smart pointers, callables, aggregates.
  Copy,       // dst := src, a reference (an aggregate: each of its tracked parts)
  Move,       // dst := src; src := null
  AddrOf,     // dst := &src (a pointer to the place src)
  SetNull,    // dst := null (nil handle, nullptr, moved-from, default-constructed)
  Alloc,      // dst := &new object (heap place Heap(site)); `type` is its class
  MakeChan,   // dst := a new channel (capacity if known)
  MakeClosure,// dst := a callable: `callees` with captures bound (`args`: capture index -> place)
  Havoc,      // dst := an unknown non-null value (a call we cannot see returned it)
  SetInt,     // dst := value (or src's value when src is set; unknown when !known)
  AddInt,     // dst += value
  SetBool,    // dst := value (or src's value when src is set; unknown when neither)
  CompareExchange, // dst := (src == places[0]); if so src := value, else places[0] := src
  // Channels.
  Send,       // on src
  Recv,       // from src; `recvUse` says how the value is consumed
  RecvOk,     // from src; dst (a bool place) := whether a value was received
  RangeNext,  // head of a range-for over src: dst := whether a value was received
  Close,      // of src
  Select,     // cases; dst (an int place) := the chosen case's index
  Len,        // dst (an int place) := the number of values buffered in src
  // Containers.
  Size,       // dst (an int place) := src (a container's Size place) if it holds a number, else a
              // fresh unknown: a count the code does not make certain is never kept as a guess;
              // result (a range-for's counter), if set, becomes unknown with it
  // Goroutines.
  Go,         // starts `callees` (bound like a call) as a new goroutine; dst: its thread object, if any
  Join,       // waits for the thread object src to finish
  // WaitGroup, mutexes, condition variables, contexts, timers.
  WgAdd,      // src: the WaitGroup; value: the delta (if known)
  WgDone,
  WgWait,
  Lock,       // src: the mutex; shared: a read lock
  Unlock,
  TryLock,    // dst (bool) := whether it was acquired
  LockAll,    // places: acquired together, deadlock-free (std::lock, scoped_lock)
  CondWait,   // src: the Cond (its lock is the place under src's Lock step)
  CondSignal,
  CondBroadcast,
  MakeContext,// dst := a new context (its done channel is made here), result := its cancel function; src: the parent; timer: a deadline cancels it
  Cancel,     // src: the context (cancel is idempotent)
  After,      // dst := a channel a timer sends on once
  // Calls and the unknown.
  Call,       // callees (several: virtual dispatch / std::function targets), bound by args
  Escape,     // src is handed to code we cannot see: it may send on it, keep it
};

const char *eventKindName(EventKind k);

// How a received value is used (for CH105).
struct RecvUse {
  bool used = false;
  bool checked = false;
  bool inUnboundedLoop = false;
};

struct SelectCase {
  bool isSend = false;
  PlaceId channel = kNoPlace;
  PlaceId ok = kNoPlace;      // recv: set to whether a value was received
  PlaceId value = kNoPlace;   // send: the value sent; recv: where the received value goes
  const clang::Type *valueType = nullptr; // send: the value's type when it is an aggregate
  clang::SourceLocation loc;
  const clang::Expr *operand = nullptr; // the channel as written
};

// A parameter binding at a call or spawn: the callee's parameter `param`
// (or its `this` when param == kThisParam) receives `place`, by reference
// (the callee works on the caller's place) or by value (a copy).
struct Binding {
  static constexpr std::uint32_t kThisParam = ~std::uint32_t(0);
  std::uint32_t param;
  PlaceId place;
  bool byReference;
};

struct Event {
  EventKind kind;
  clang::SourceLocation loc;
  PlaceId dst = kNoPlace;
  PlaceId src = kNoPlace;
  std::int64_t value = 0;
  bool known = true;         // SetInt/SetBool/WgAdd: whether value is known
  bool shared = false;       // Lock/Unlock/TryLock: the read side of an RWMutex
  bool recursive = false;    // Lock: the mutex may be re-locked by its holder
  bool writerPriority = false; // Lock (shared): a waiting writer blocks new readers
  bool weak = false;         // the store may leave the old value (container elements)
  bool timer = false;        // MakeContext: has a deadline
  bool mayNotRun = false;    // Call: the callable may not be called (select callbacks)
  // Call, Go: to a function defined in another translation unit, run through
  // its summary (Summaries.h) by the lifecycle dataflow only; Havoc, Escape:
  // what that unseen function may overwrite or get, which the summary says
  // more precisely.  The other analyses skip such a Call or Go and keep the
  // Havoc and Escape.
  bool summarised = false;
  std::optional<std::uint64_t> capacity; // MakeChan: the values it buffers
  std::optional<std::uint64_t> requestedCapacity; // MakeChan: the constructor's argument (a library's channel)
  // Channel operations of a library whose channels are not Go's (null for
  // Go's): the status a send returns, whether a second close is harmless.
  const ChannelSemantics *library = nullptr;
  const char *threadNoun = nullptr; // Go: what the library calls a thread ("fiber"), null: goroutine
  PlaceId onlyIf = kNoPlace; // the event happens only if this bool place is true (a guard's ownership)
  PlaceId payload = kNoPlace; // Send: the value sent; Recv/RecvOk/RangeNext: where the received value goes
  ValueKind element = ValueKind::None; // channel ops: what the channel carries (a closed one yields its zero)
  std::vector<PlaceId> places; // LockAll: the locks; CompareExchange: the expected value
  RecvUse recvUse;           // Recv
  std::vector<SelectCase> cases; // Select
  bool hasDefault = false;       // Select
  std::vector<const clang::FunctionDecl *> callees; // Call, Go, MakeClosure
  std::vector<Binding> args;     // Call, Go: parameter bindings; MakeClosure: captures
  PlaceId callable = kNoPlace;   // Call, Go through a callable value (std::function, lambda variable)
  PlaceId result = kNoPlace;     // Call: where the return value goes
  const clang::Expr *site = nullptr;    // the expression that performs it
  const clang::Expr *operand = nullptr; // the channel (lock, ...) as written, for messages
  const clang::CXXRecordDecl *cls = nullptr; // Alloc: the class; Call: the class of a virtual call's object
  // Copy, Move, Havoc, Escape: the value's type when it is an aggregate (the
  // event then applies to each of its tracked parts, TypeFacts::parts).
  const clang::Type *valueType = nullptr;
};

// One node of the reduced graph: events in order, then successors.  A node
// with two successors branches on `cond` (first: true, second: false); a
// Select node has one successor per case, then the default's if any; a
// RangeNext/RecvOk/TryLock node's successors follow the bool it sets.
struct Node {
  std::vector<Event> events;
  std::vector<std::uint32_t> succs;
  Condition cond;
  bool loopHead = false;  // target of a back edge
  bool throws = false;    // leaves the function by an exception (not a normal return)
};

struct Skeleton {
  const clang::FunctionDecl *function = nullptr;
  std::vector<Node> nodes;   // nodes[0] is the entry
  std::uint32_t exit = 0;    // the normal exit node
  std::uint32_t temps = 0;   // number of Temp roots used
  // Whether any event besides calls to skeletons without events is present:
  // callers skip calls to irrelevant functions.
  bool hasEvents = false;
  // Parameters and captures, for binding: index -> the VarDecl.
  std::vector<const clang::ValueDecl *> params;
  std::vector<const clang::ValueDecl *> captures;
};

// Debug rendering: one line per event, for unit tests and --dump-skeleton.
std::string render(const Skeleton &s, const PlaceTable &places, const clang::SourceManager &sm);
std::string renderPlace(const PlaceTable &places, PlaceId p);

} // namespace chcheck::ir
