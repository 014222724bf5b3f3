// Facts: what the code does to each channel, computed once per translation
// unit by the lifecycle dataflow (lifecycle/) and read by every rule.  Facts carry
// no judgement: a rule decides whether a fact is a finding and how severe.
#pragma once


#include "clang/Basic/SourceLocation.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace chcheck {

struct ChannelSemantics;

// The channel operations facts are recorded for.
enum class OpKind : std::uint8_t {
  Send,
  Recv,       // value-returning receive: zero value once closed and drained
  RecvOk,     // receive that reports whether the channel is closed
  Close,
  Range,      // a range-for over the channel
  SelectSend, // a select case that sends if chosen
  SelectRecv, // a select case that receives if chosen
  Make,       // a library's channel constructed (ChannelOpFact::requestedCapacity)
};

enum class Certainty : std::uint8_t { No, Maybe, Definitely };

// The state of the channel(s) a handle may refer to, just before an operation.
struct ChannelStateFact {
  Certainty nil = Certainty::No;     // the handle is nil (default-constructed or moved-from)
  Certainty closed = Certainty::No;  // closed earlier on this goroutine's paths
  // Closed only in an earlier iteration of a loop that contains both the
  // close and this operation (loops usually exit after such a close).
  bool closedOnlyInEarlierIteration = false;
  // Another goroutine closes the channel: `Definitely` when it always does.
  Certainty closedByOtherGoroutine = Certainty::No;
  // That goroutine was started earlier on this path (not merely somewhere in
  // the function that spawned this one), so both closes surely run.
  bool otherGoroutineStartedOnThisPath = false;

  // Some send, here or in code the channel escaped to, may have put a value
  // into it.  False only for a channel made in this function that no one
  // can have sent on: once closed, every receive yields the zero value.
  bool mayHoldValues = true;

  clang::SourceLocation madeAt;      // the make() that created it, if known
  std::optional<std::uint64_t> capacity;
  clang::SourceLocation nilAt;       // where the handle became nil, if known
  clang::SourceLocation closedAt;    // a close reaching this operation
  clang::SourceLocation closedInside; // when closedAt is a call: the close inside it
  clang::SourceLocation otherGoroutineCloseAt;
  clang::SourceLocation otherGoroutineSpawnAt;
  // A goroutine started on this path sends on the channel and nothing has
  // waited for the signal that follows its last send (Close only).
  bool otherGoroutineMaySend = false;
  clang::SourceLocation pendingSenderSpawnAt, pendingSendAt;
};

// How the value of a recv() is consumed.
struct ReceivedValueFact {
  bool used = false;            // the value is not discarded
  bool checked = false;         // the value flows into a condition (sentinel or zero check)
  bool inUnboundedLoop = false; // the recv is inside a loop with no exit condition of its own
};

struct ChannelOpFact {
  OpKind op;
  clang::SourceLocation loc;         // the operation, or the call that performs it
  const clang::FunctionDecl *function = nullptr;
  std::string subject;               // the channel as written: "ch", "d.queue"
  // The operation happens inside a called function whose summary says so
  // (e.g. `shutdown(d)` always closes `d.queue`).
  std::string callee;                // that function's name, empty for a direct operation
  clang::SourceLocation calleeOpLoc;
  ChannelStateFact before;
  ReceivedValueFact value;           // Recv only
  // SelectSend only: the select's one case besides default.  A send case on
  // a closed channel counts as ready, so it is taken whenever it is closed.
  bool onlyCaseBesidesDefault = false;
  // A library whose channels are not Go's (models/Model.h), null for Go's:
  // what its operations do instead of panicking, in its words.
  const ChannelSemantics *library = nullptr;
  bool statusIgnored = false;        // Send, SelectSend of such a library: its status is discarded
  std::optional<std::uint64_t> requestedCapacity; // Make: the constructor's capacity argument
};

struct TranslationUnitFacts {
  clang::ASTContext *ctx = nullptr;
  std::vector<ChannelOpFact> ops;
};

} // namespace chcheck
