// The abstract domain of the lifecycle dataflow: what a place holds
// (references to objects, flags) and what state each channel is in.
#pragma once

#include "../skeleton/Skeleton.h"
#include "../Facts.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace clang {
class FunctionDecl;
class CXXRecordDecl;
} // namespace clang

namespace chcheck::lifecycle {

using ir::PlaceId;
using ObjId = std::uint32_t;

// An object a reference may point to.
struct Object {
  enum class Kind : std::uint8_t {
    Channel,   // made by make(), after(), a context (site = the event's site, context = inline chain)
    Entry,     // what the reference at `place` held when the analysed function started
    Storage,   // the place `place` itself (a pointer to a variable or field)
    Heap,      // the object allocated at `site` (new, make_shared, a lambda's closure)
    Function,  // a function used as a value
    Canceller, // the cancel function of the context whose done channel is `place`'s object (peer)
    Unknown,   // produced by code we do not follow
  };
  Kind kind;
  PlaceId place = ir::kNoPlace;
  const void *site = nullptr;
  std::uint32_t context = 0; // Channel/Heap: which inlined call made it (0: the analysed function)
  const clang::FunctionDecl *function = nullptr;
  ObjId peer = 0;            // Canceller: the context's done channel
  bool older = false;        // Channel: an earlier incarnation of the make() (Join.cpp)
  friend auto operator<=>(const Object &, const Object &) = default;
};

class ObjectTable {
public:
  ObjId intern(const Object &o);
  const Object &get(ObjId id) const { return objects_[id]; }

private:
  std::map<Object, ObjId> ids_;
  std::vector<Object> objects_;
};

// What a reference-like place (handle, pointer, smart pointer, callable)
// holds: the objects it may point to, and whether it may be null (nil).
struct RefValue {
  llvm::SmallVector<ObjId, 2> targets; // sorted, unique
  bool maybeNull = false;
  clang::SourceLocation nullAt;
  friend bool operator==(const RefValue &, const RefValue &) = default;

  static RefValue null(clang::SourceLocation at) { return {{}, true, at}; }
  static RefValue to(ObjId o) { return {{o}, false, {}}; }
  void join(const RefValue &o);
  bool definitelyNull() const { return maybeNull && targets.empty(); }
};

enum : std::uint8_t { kOpen = 1, kClosed = 2, kClosedPrevIter = 4 };

// A goroutine started here that sends on the channel: until the spawner
// waits for a signal the goroutine gives after its last send (`doneAt`),
// a close here may race that send.  Started in a loop, it stands for many
// goroutines: a wait in a loop may be one for each of them, which the
// analysis cannot count, so once there is one on some path it stays silent.
struct PendingSender {
  clang::SourceLocation sendAt;
  std::set<std::uint64_t> doneAt;
  bool many = false;
  bool waitedInLoop = false;
  // (handle, mutex): each of its sends reads the handle while holding the
  // mutex (Guards.cpp).
  std::set<std::pair<PlaceId, PlaceId>> guards;
  // Where the analysed function started it: the go call, or the call that
  // led to it.  A close in the same call is the callee's own bug.
  clang::SourceLocation startedHere;
  friend bool operator==(const PendingSender &, const PendingSender &) = default;
};

struct ChanState {
  std::uint8_t bits = kOpen;
  clang::SourceLocation closedAt;      // the close (or the call that closes) reaching here
  clang::SourceLocation closedInside;  // inside that call, the close itself
  bool mayHoldValues = true;           // a send (seen or not) may have filled it
  Certainty closedByOther = Certainty::No;
  bool otherStartedOnThisPath = false;
  clang::SourceLocation otherCloseAt, otherSpawnAt;
  // Happens-before through a signal (a WaitGroup done, the close of a
  // channel nothing is sent on): a goroutine closed this channel before it
  // gave the signal, so once the signal is waited for, it is closed.
  std::map<std::uint64_t, clang::SourceLocation> closedAtSignal;
  // Closed as learnt by waiting for such a signal (on some path): the close
  // is another goroutine's, maybe the one a `go` here starts, not this
  // goroutine's own.
  bool closedSeenByWait = false;
  std::map<unsigned, PendingSender> pendingSenders; // by the raw location of the go
  friend bool operator==(const ChanState &, const ChanState &) = default;
  void join(const ChanState &o);
};

// Static facts about a channel object, fixed at its creation.
struct ChanInfo {
  clang::SourceLocation madeAt;
  std::optional<std::uint64_t> capacity;
  bool context = false; // a context's done channel: closed only by cancel (idempotent)
};

enum class Flag : std::uint8_t { False, True };

struct State {
  bool reachable = false;
  std::map<PlaceId, RefValue> refs;
  std::map<ObjId, ChanState> chans;
  std::map<PlaceId, Flag> flags; // absent: unknown
  std::set<std::uint64_t> signalled; // signals given on some path so far (in a goroutine body)
  std::set<PlaceId> held;            // mutexes held exclusively on every path
  friend bool operator==(const State &, const State &) = default;
};

} // namespace chcheck::lifecycle
