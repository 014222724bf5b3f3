// The per-function channel dataflow and the interprocedural summaries built
// on it.  One ChannelAnalysis per translation unit: it analyses each function
// at most once per context, bottom-up on demand (a call needs the callee's
// summary), and appends facts for every channel operation it meets.
#pragma once

#include "ApiModel.h"
#include "Facts.h"

#include "llvm/ADT/DenseMap.h"

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace clang {
class ASTContext;
class FieldDecl;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace chcheck {

using PathId = unsigned;

// An access path to a channel handle: a root (a variable, a parameter, or
// `this`) followed by fields.  Pointers and references are looked through:
// `p->queue` with `p = &d` is `d.queue`.
struct AccessPath {
  const void *root;  // a clang::VarDecl, or &kThisRoot
  std::vector<const clang::FieldDecl *> fields;
  friend auto operator<=>(const AccessPath &, const AccessPath &) = default;
};
extern const char kThisRoot;

class PathTable {
public:
  PathId intern(const AccessPath &p);
  PathId child(PathId base, const clang::FieldDecl *field);
  const AccessPath &get(PathId id) const { return paths_[id]; }
  std::string render(PathId id) const; // "d.queue", "done" for this->done

private:
  std::map<AccessPath, PathId> ids_;
  std::vector<AccessPath> paths_;
};

// What a function does to channels reachable from its parameters, `this`,
// captured and global variables — the channels its caller can see.
struct FunctionSummary {
  // Reassigns: the function assigns or moves from the handle, so the
  // caller no longer knows which channel (if any) it holds.
  // Escapes: the function hands the channel to code the analysis cannot
  // see (an unknown function, a field, a global), which may send on it.
  // ClosedBeforeSignal: on every path, the channel is closed before the
  // function signals `signal` (a WaitGroup done, or the close of a channel
  // nothing is sent on): whoever waits for that signal sees it closed.
  // SentBeforeSignal: every send on the channel precedes the signal, so a
  // waiter that saw the signal knows no more values come from this function.
  // WaitsFor / ReceivesFrom: the function waits on the WaitGroup, or
  // receives from the channel (a join if nothing is ever sent on it); the
  // caller applies these before the function's closes.
  enum class Effect { AlwaysCloses, MayClose, Sends, Reassigns, Escapes, ClosedBeforeSignal,
                      SentBeforeSignal, WaitsFor, ReceivesFrom };
  struct Entry {
    PathId target;                 // rooted at a parameter, `this`, or a non-local variable
    Effect effect;
    clang::SourceLocation loc;     // the close or send inside the function
    PathId signal = 0;             // *BeforeSignal: the WaitGroup or channel signalled
  };
  std::vector<Entry> entries;
};

class ChannelAnalysis {
public:
  ChannelAnalysis(clang::ASTContext &ctx, TranslationUnitFacts &facts);
  ~ChannelAnalysis();

  // Analyses `fd` (a function, method or lambda call operator with a body)
  // in its default context and records its facts.
  void analyzeForFacts(const clang::FunctionDecl *fd);

  struct Impl;

private:
  std::unique_ptr<Impl> impl_;
};

} // namespace chcheck
