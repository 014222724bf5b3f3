// The lifecycle dataflow: interprets skeletons over the abstract domain
// (Domain.h), flow-sensitively, with a small disjunction of states kept
// apart by the flags they disagree on (correlated branches on the same
// flag stay consistent), calls interpreted with the callee's skeleton
// (inlined to a bounded depth: order is kept), and goroutines run from the
// state at their `go`.
#pragma once

#include "Domain.h"
#include "../skeleton/Skeletons.h"

#include "llvm/ADT/DenseMap.h"

#include <functional>
#include <optional>
#include <set>
#include <tuple>
#include <map>
#include <vector>

namespace chcheck::lifecycle {

// Where the interpreter is: a skeleton, how its roots are bound, and how it
// was reached from the function under analysis.
struct Frame {
  const ir::Skeleton *sk = nullptr;
  const Frame *parent = nullptr;
  std::map<ir::Root, PlaceId> aliases;  // by-reference bindings, in the analysed function's terms
  std::map<ir::Root, PlaceId> sources;  // by-value bindings: where the value came from (for names)
  unsigned depth = 0;                   // calls between the analysed function and here
  std::uint32_t context = 0;            // identifies this inlined call (objects made here)
  clang::SourceLocation callSite;       // the analysed function's call that led here (depth > 0)
  const clang::FunctionDecl *callee = nullptr; // the function called there
  bool goroutine = false;               // a goroutine body run from its `go`: facts stay in place
};

using Disjunction = std::vector<State>;

// What the recording pass reports: one channel operation and the states
// (one per disjunct) just before it.
struct OpObservation {
  OpKind op;
  const Frame *frame;
  const ir::Event *event;
  PlaceId channel;                      // the operand place (frame terms)
  const ir::SelectCase *selectCase = nullptr;
  bool onlyCaseBesidesDefault = false;
};
using Recorder = std::function<void(const OpObservation &, const State &)>;

class Interpreter {
public:
  Interpreter(ir::Skeletons &skeletons, ObjectTable &objects);

  // Runs the function of `frame` from `entry`; returns its normal exits.
  Disjunction run(const Frame &frame, Disjunction entry);
  // Runs `frame`'s function to its fixpoint, then once more reporting
  // every channel operation to `recorder`.
  Disjunction record(const Frame &frame, Disjunction entry, const Recorder &recorder);

  // --- reading the state (for facts) ------------------------------------------
  llvm::SmallVector<PlaceId, 2> concretize(const State &s, const Frame &f, PlaceId place);
  RefValue read(const State &s, PlaceId concrete);
  bool unallocated(const std::set<ObjId> &targets, PlaceId concrete);
  RefValue valueAt(const State &s, const Frame &f, PlaceId place);
  ChanState chanState(const State &s, ObjId o) const;
  const ChanInfo *chanInfo(ObjId o) const;
  PlaceId resolveStatic(const Frame &f, PlaceId place) const;
  // The place a by-value binding copied from, for naming ("d.queue").
  PlaceId origin(const Frame &f, PlaceId place) const;
  ObjectTable &objects() { return objects_; }
  ir::PlaceTable &places() { return P; }
  bool budgetExceeded() const { return steps_ > kStepBudget; }
  // Collects every place written from now on, not counting what a branch
  // learns about a flag (for summaries, Export.h).
  void trackWrites(std::set<PlaceId> *writes) { summaryWrites_ = writes; }

private:
  static constexpr unsigned kMaxDepth = 8;
  static constexpr unsigned kMaxDisjuncts = 4;
  static constexpr std::uint64_t kStepBudget = 2'000'000;

  Disjunction solve(const Frame &frame, Disjunction entry, const Recorder *recorder);
  void transfer(const Frame &f, const ir::Event &e, State &s, Disjunction &out, const Recorder *rec);
  void join(State &into, const State &from) const;
  bool splitIncarnations(const State &into, const State &from, State &split);
  void normalize(Disjunction &d) const;
  void branch(const Frame &f, const ir::Node &n, const State &s, std::vector<Disjunction> &out);

  // effects
  void write(State &s, PlaceId concrete, RefValue v, bool weak);
  void writeAll(State &s, const Frame &f, PlaceId place, const RefValue &v, bool weak);
  void copy(State &s, const Frame &f, const ir::Event &e, bool move);
  void setFlag(State &s, const Frame &f, PlaceId place, std::optional<bool> v);
  std::optional<bool> flag(const State &s, const Frame &f, PlaceId place);
  void close(State &s, const RefValue &h, const Frame &f, clang::SourceLocation at,
             clang::SourceLocation inside, bool definite);
  void mayFill(State &s, const RefValue &h);
  void escape(State &s, const Frame &f, PlaceId place, const clang::Type *aggregate);
  bool endsPath(const State &s, const RefValue &h, ir::EventKind k);
  ObjId makeChannel(State &s, const Frame &f, const ir::Event &e, ChanInfo info);
  bool entryVisible(PlaceId concrete) const;
  // Where an effect shows in the analysed function: at the call that led to
  // it, or in place (the function itself, a goroutine body).
  static clang::SourceLocation here(const Frame &f, clang::SourceLocation at) {
    return f.depth > 0 && !f.goroutine ? f.callSite : at;
  }

  // calls and goroutines (Calls.cpp)
  struct Target {
    const clang::FunctionDecl *function = nullptr;
    ObjId closure = ~0u;       // a lambda's closure object: its captures are bound
    ObjId canceller = ~0u;     // a context's cancel function
  };
  std::vector<Target> targets(const State &s, const Frame &f, const ir::Event &e);
  void call(const Frame &f, const ir::Event &e, State &s, Disjunction &out, const Recorder *rec);
  void spawn(const Frame &f, const ir::Event &e, State &s, const Recorder *rec);
  bool enter(const Frame &f, const ir::Event &e, const Target &t, State &s, Frame &callee);
  void unknownEffects(const Frame &f, const ir::Event &e, State &s);
  std::vector<std::tuple<ObjId, Certainty, clang::SourceLocation, clang::SourceLocation>>
  closesAfter(const Disjunction &exits, const State &start, clang::SourceLocation spawnAt);
  void bindValue(State &s, const Frame &f, PlaceId to, PlaceId from, clang::QualType type);

  struct LoopInfo {
    std::vector<std::uint32_t> rpo;
    std::vector<std::uint32_t> rpoIndex;
    std::vector<std::vector<bool>> inLoop; // per loop head (index into heads): node membership
    std::vector<std::uint32_t> heads;
  };
  const LoopInfo &loops(const ir::Skeleton *sk);

  ir::Skeletons &S;
  ir::PlaceTable &P;
  ObjectTable &objects_;
  std::map<ObjId, ChanInfo> chanInfos_;
  struct ClosureInfo {
    std::vector<const clang::FunctionDecl *> callees;
    std::vector<std::pair<std::uint32_t, PlaceId>> captures; // capture index -> place (analysed-function terms)
  };
  std::map<ObjId, ClosureInfo> closures_;
  std::map<ObjId, const clang::CXXRecordDecl *> heapTypes_;
  llvm::DenseMap<const ir::Skeleton *, LoopInfo> loops_;
  std::vector<const clang::FunctionDecl *> stack_;
  // Inlined calls, by (caller's context, call site): objects they make are theirs.
  std::map<std::pair<std::uint32_t, const void *>, std::uint32_t> contexts_;
  std::uint64_t steps_ = 0;
  // The analysed function's normal exits, known once its fixpoint is: a
  // goroutine it starts sees the closes that follow the `go` as another
  // goroutine's.
  std::optional<Disjunction> rootExit_;
  // Every place a flag or a reference was written at, while a goroutine
  // runs: what it writes, the spawner can no longer be sure of.
  std::set<PlaceId> *writes_ = nullptr;
  std::set<PlaceId> *summaryWrites_ = nullptr;
  bool refining_ = false; // a branch sets what its condition says

  // The node each running skeleton is at (innermost last), and where each
  // channel was made: a goroutine started in a loop is many goroutines,
  // sharing what was made before the loop but not what each iteration makes.
  std::vector<std::pair<const ir::Skeleton *, std::uint32_t>> nodes_;
  std::map<ObjId, std::vector<std::pair<const ir::Skeleton *, std::uint32_t>>> madeIn_;
  // What a goroutine body does, while it runs from its `go`: the channels
  // closed before each signal it gives, the sends after each signal.
  struct GoroutineLog {
    std::map<std::uint64_t, std::map<ObjId, clang::SourceLocation>> closedBefore;
    std::map<std::uint64_t, std::set<ObjId>> sentAfter;
    std::map<ObjId, clang::SourceLocation> sends;
    std::map<ObjId, std::set<std::pair<PlaceId, PlaceId>>> sendGuards; // what guards every send
    std::size_t stackBase = 0; // stack_ from here on: the goroutine's own calls
  };
  GoroutineLog *log_ = nullptr;
  // Calls interpreted already, by (inlined call, callee, closure): the
  // fixpoint passes of the callers come back to a call with the same entry
  // state, and interpreting the callee again gives the same exits and the
  // same effects on the running goroutine's log (Calls.cpp).  Without it,
  // loops in callers and callees multiply: seconds on a 200-line program.
  struct CallEffects {
    State entry;
    Disjunction exits;
    std::set<PlaceId> written;
    GoroutineLog log;
  };
  using CallKey = std::tuple<std::uint32_t, const clang::FunctionDecl *, ObjId, bool, bool>;
  std::map<CallKey, std::vector<CallEffects>> calls_;
  static constexpr std::size_t kMaxCallEntries = 16;
  static constexpr std::uint64_t kCachedCallSteps = 64; // interpreted events
  Disjunction runCall(const Frame &callee, const Target &t, State entry);
  void replay(const CallEffects &c);
  // mutexes and the handles they guard (Guards.cpp)
  void lockEvent(const Frame &f, const ir::Event &e, State &s);
  bool sharedPlace(PlaceId concrete, std::size_t stackBase);
  void logSendGuards(const Frame &f, const ir::Event &e, const State &s, const RefValue &h);
  std::set<PlaceId> replacedBeforeUnlock(const Frame &f, const ir::Event &e, State &s);
  void dropGuardedSenders(const Frame &f, const ir::Event &e, State &s, const RefValue &h);
  void signal(State &s, std::uint64_t key);
  void joinSignal(State &s, std::uint64_t key);
  static std::uint64_t groupSignal(PlaceId wg) { return (std::uint64_t(1) << 32) | wg; }
  static std::uint64_t channelSignal(ObjId ch) { return (std::uint64_t(2) << 32) | ch; }
  static bool isChannelSignal(std::uint64_t key) { return key >> 32 == 2; }
  // The smallest loop of `sk` holding `node`, or -1.
  int innermostLoop(const ir::Skeleton *sk, std::uint32_t node);
  bool madeInLoop(ObjId o);
  // Whether the point being interpreted is in a loop of its function or of
  // a caller or spawner on the way to it: it may run many times.
  bool inLoop();
};

} // namespace chcheck::lifecycle
