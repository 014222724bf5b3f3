// Flow-sensitive channel dataflow over clang::CFG.
//
// Abstract state at a program point:
//  - handles: access path -> the channels the handle may refer to, and
//    whether it may be nil.  Handles not yet touched refer to a symbolic
//    channel standing for their value at function entry.
//  - channels: channel -> {open, closed, closed-in-an-earlier-iteration}
//    bits (more than one bit set = "maybe"), where it was closed, and
//    whether another goroutine closes it.
// Copies of a handle share the channel, so closing one closes all; moving
// from a handle leaves it nil.  Calls apply the callee's summary; `go(f)`
// applies f's closes as "closed by another goroutine".  Loops converge on a
// finite lattice; no path is ever enumerated.

#include "ChannelAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>

using namespace clang;

namespace chcheck {

const char kThisRoot = 0;

PathId PathTable::intern(const AccessPath &p) {
  auto [it, inserted] = ids_.try_emplace(p, static_cast<PathId>(paths_.size()));
  if (inserted)
    paths_.push_back(p);
  return it->second;
}

PathId PathTable::child(PathId base, const FieldDecl *field) {
  AccessPath p = paths_[base];
  p.fields.push_back(field);
  return intern(p);
}

std::string PathTable::render(PathId id) const {
  const AccessPath &p = paths_[id];
  std::string out;
  if (p.root != &kThisRoot)
    out = static_cast<const VarDecl *>(p.root)->getNameAsString();
  for (const FieldDecl *f : p.fields) {
    if (!out.empty())
      out += '.';
    out += f->getNameAsString();
  }
  return out.empty() ? "this" : out;
}

namespace {

using ChanId = unsigned;

enum : std::uint8_t { kOpen = 1, kClosed = 2, kClosedPrevIter = 4 };

Certainty maxCertainty(Certainty a, Certainty b) { return a > b ? a : b; }

// Keeps the earliest valid location, so joins are order-independent.
void joinLoc(SourceLocation &into, SourceLocation other) {
  if (other.isValid() && (into.isInvalid() || other.getRawEncoding() < into.getRawEncoding()))
    into = other;
}

struct ChanState {
  std::uint8_t bits = kOpen;
  SourceLocation closedAt;
  Certainty elsewhere = Certainty::No; // closed by another goroutine
  bool spawnedOnThisPath = false;      // ... started on every path reaching here
  bool mayHoldValues = true;           // a send (seen or not) may have filled it
  // Closed by a goroutine before it signals the key (a WaitGroup, or a
  // channel it closes): waiting for that signal makes the close visible.
  std::map<PathId, SourceLocation> closedAtSignal;
  // Goroutines started here that send on the channel, by spawn site: the
  // signals that, once waited for, mean they are done sending.
  struct PendingSender {
    SourceLocation sendAt;
    std::set<PathId> doneAt;
    friend bool operator==(const PendingSender &, const PendingSender &) = default;
  };
  std::map<unsigned, PendingSender> pendingSenders;
  SourceLocation elsewhereAt, spawnAt;
  friend bool operator==(const ChanState &, const ChanState &) = default;

  void join(const ChanState &o) {
    bits |= o.bits;
    joinLoc(closedAt, o.closedAt);
    if (elsewhere != o.elsewhere)
      elsewhere = Certainty::Maybe;
    spawnedOnThisPath = spawnedOnThisPath && o.spawnedOnThisPath;
    mayHoldValues |= o.mayHoldValues;
    for (auto it = closedAtSignal.begin(); it != closedAtSignal.end();)
      it = o.closedAtSignal.count(it->first) ? std::next(it) : closedAtSignal.erase(it);
    pendingSenders.insert(o.pendingSenders.begin(), o.pendingSenders.end());
    joinLoc(elsewhereAt, o.elsewhereAt);
    joinLoc(spawnAt, o.spawnAt);
  }
};

struct HandleVal {
  bool maybeNil = false;
  SourceLocation nilAt;
  std::vector<ChanId> chans; // sorted, unique
  friend bool operator==(const HandleVal &, const HandleVal &) = default;

  static HandleVal nil(SourceLocation at) { return {true, at, {}}; }
  static HandleVal of(ChanId c) { return {false, {}, {c}}; }
  void join(const HandleVal &o) {
    maybeNil |= o.maybeNil;
    joinLoc(nilAt, o.nilAt);
    std::vector<ChanId> merged;
    std::set_union(chans.begin(), chans.end(), o.chans.begin(), o.chans.end(),
                   std::back_inserter(merged));
    chans = std::move(merged);
  }
  bool definitelyNil() const { return maybeNil && chans.empty(); }
};

struct State {
  bool reachable = false;
  std::map<PathId, HandleVal> handles;
  std::map<ChanId, ChanState> chans;
  std::set<PathId> signalled; // signals this function gave on some path reaching here
  friend bool operator==(const State &, const State &) = default;
};

struct ChanInfo {
  SourceLocation madeAt;
  std::optional<std::uint64_t> capacity;
  std::optional<PathId> symbolicPath; // the entry value of this path
};

// Closes by other goroutines (or by the spawning function) of channels a
// goroutine body can reach, keyed by access path in the body's root space.
struct GoroutineContext {
  struct Close {
    Certainty certainty;
    SourceLocation closeAt, spawnAt;
  };
  std::map<PathId, Close> closedElsewhere;
  // Channels the spawning function had closed before the `go`: the close
  // happens before the goroutine starts.  `empty`: nothing was ever sent.
  struct Start {
    SourceLocation closeAt;
    bool empty;
  };
  std::map<PathId, Start> closedBeforeStart;
  unsigned spawnSites = 0;
};

const Expr *strip(const Expr *e) {
  while (e) {
    e = e->IgnoreParenImpCasts();
    if (const auto *m = dyn_cast<MaterializeTemporaryExpr>(e))
      e = m->getSubExpr();
    else if (const auto *b = dyn_cast<CXXBindTemporaryExpr>(e))
      e = b->getSubExpr();
    else if (const auto *c = dyn_cast<ExprWithCleanups>(e))
      e = c->getSubExpr();
    else if (const auto *f = dyn_cast<CXXFunctionalCastExpr>(e); f && f->getCastKind() == CK_NoOp)
      e = f->getSubExpr();
    else if (const auto *s = dyn_cast<CXXStaticCastExpr>(e); s && s->getCastKind() == CK_NoOp)
      e = s->getSubExpr();
    else
      break;
  }
  return e;
}

bool isStdMoveLike(const CallExpr *call) {
  const FunctionDecl *fd = call->getDirectCallee();
  if (!fd || call->getNumArgs() != 1 || !fd->isInStdNamespace() || !fd->getIdentifier())
    return false;
  StringRef n = fd->getName();
  return n == "move" || n == "forward" || n == "as_const";
}

bool isLoop(const Stmt *s) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s);
}

} // namespace

struct ChannelAnalysis::Impl {
  ASTContext &ctx;
  TranslationUnitFacts &facts;
  ModelIndex models{allModels()};
  PathTable paths;
  llvm::DenseMap<const FunctionDecl *, FunctionSummary> summaries;
  llvm::SmallPtrSet<const FunctionDecl *, 8> inProgress;
  llvm::DenseMap<const FunctionDecl *, GoroutineContext> goroutineContexts;
  llvm::SmallPtrSet<const FunctionDecl *, 32> factsDone;

  Impl(ASTContext &c, TranslationUnitFacts &f) : ctx(c), facts(f) {}

  bool inModelledLibrary(const Decl *d) const {
    for (const DeclContext *dc = d->getDeclContext(); dc; dc = dc->getParent())
      if (const auto *ns = dyn_cast<NamespaceDecl>(dc))
        for (const ApiModel *m : allModels())
          if (ns->getName() == m->libraryNamespace && ns->getParent()->isTranslationUnit())
            return true;
    return false;
  }

  bool isAnalysable(const FunctionDecl *fd) const {
    return fd && fd->hasBody() && fd->doesThisDeclarationHaveABody() && !fd->isDependentContext() &&
           !fd->isInvalidDecl() && !inModelledLibrary(fd) &&
           !ctx.getSourceManager().isInSystemHeader(fd->getLocation());
  }

  const FunctionSummary *summaryOf(const FunctionDecl *fd);
  void run(const FunctionDecl *fd, bool recordFacts, const GoroutineContext *gctx,
           FunctionSummary *summaryOut);
};

namespace {

// One analysis of one function body in one context.
class FunctionRun {
public:
  FunctionRun(ChannelAnalysis::Impl &a, const FunctionDecl *fd, const GoroutineContext *gctx)
      : A(a), fd_(fd), gctx_(gctx), parents_(fd->getBody()) {}

private:
  ChannelAnalysis::Impl &A;
  const FunctionDecl *fd_;
  bool recording_ = false;
  const GoroutineContext *gctx_;
  ParentMap parents_;
  std::unique_ptr<CFG> cfg_;
  std::vector<const CFGBlock *> rpo_;
  llvm::DenseMap<const CFGBlock *, unsigned> rpoIndex_;
  State exit_;

  std::vector<ChanInfo> chanInfos_;
  llvm::DenseMap<const Expr *, ChanId> siteChans_;
  std::map<PathId, ChanId> symbolicChans_;
  llvm::DenseMap<const Expr *, HandleVal> exprValues_;
  llvm::DenseMap<const VarDecl *, PathId> aliases_;
  llvm::DenseMap<const VarDecl *, const LambdaExpr *> lambdaVars_;
  std::map<ChanId, SourceLocation> sendLocs_;     // first send on each symbolic channel
  std::map<PathId, SourceLocation> reassigned_;   // handles the caller can see, assigned here
  std::set<ChanId> escaped_;                      // symbolic channels handed to unseen code
  // Per signal this function sends (a WaitGroup done, a close): the channels
  // the caller can see that are closed before it on every path.
  std::map<PathId, std::map<PathId, SourceLocation>> signals_;
  // Per signal: the channels the caller can see that may be sent on after it.
  std::map<PathId, std::set<PathId>> sentAfterSignal_;
  std::set<PathId> waitedFor_, receivedFrom_; // visible WaitGroups waited on, channels received from
  struct Spawn {
    const FunctionDecl *body;
    SourceLocation at;
    std::map<PathId, FunctionSummary::Effect> closes; // in this function's root space
    std::map<PathId, SourceLocation> closeLocs;
    std::map<PathId, GoroutineContext::Start> closedBeforeStart;
  };
  std::vector<Spawn> spawns_;
  std::map<PathId, std::pair<Certainty, SourceLocation>> ownCloses_; // closes by this goroutine

  // --- channels and handles ---------------------------------------------
  ChanId newChan(ChanInfo info) {
    chanInfos_.push_back(info);
    return static_cast<ChanId>(chanInfos_.size() - 1);
  }
  ChanId siteChan(const Expr *site, ChanInfo info) {
    auto it = siteChans_.find(site);
    if (it != siteChans_.end())
      return it->second;
    ChanId c = newChan(info);
    siteChans_[site] = c;
    return c;
  }
  ChanId symbolicChan(PathId p) {
    auto it = symbolicChans_.find(p);
    if (it != symbolicChans_.end())
      return it->second;
    ChanId c = newChan({{}, {}, p});
    symbolicChans_[p] = c;
    return c;
  }
  ChanState defaultChanState(ChanId c) const {
    ChanState s;
    // Only a channel made here has a known content; any other may hold values.
    s.mayHoldValues = !chanInfos_[c].madeAt.isValid();
    if (gctx_ && chanInfos_[c].symbolicPath) {
      auto start = gctx_->closedBeforeStart.find(*chanInfos_[c].symbolicPath);
      if (start != gctx_->closedBeforeStart.end()) {
        s.bits = kClosed;
        s.closedAt = start->second.closeAt;
        s.mayHoldValues = !start->second.empty;
      }
      auto it = gctx_->closedElsewhere.find(*chanInfos_[c].symbolicPath);
      if (it != gctx_->closedElsewhere.end()) {
        s.elsewhere = it->second.certainty;
        s.elsewhereAt = it->second.closeAt;
        s.spawnAt = it->second.spawnAt;
      }
    }
    return s;
  }
  HandleVal &handle(State &s, PathId p) {
    auto it = s.handles.find(p);
    if (it == s.handles.end())
      it = s.handles.emplace(p, HandleVal::of(symbolicChan(p))).first;
    return it->second;
  }
  ChanState &chanState(State &s, ChanId c) {
    auto it = s.chans.find(c);
    if (it == s.chans.end())
      it = s.chans.emplace(c, defaultChanState(c)).first;
    return it->second;
  }

  // --- joins ---------------------------------------------------------------
  void joinInto(State &into, const State &from) {
    if (!from.reachable)
      return;
    if (!into.reachable) {
      into = from;
      return;
    }
    for (auto &[p, v] : from.handles)
      handle(into, p).join(v);
    for (auto &[p, v] : into.handles)
      if (!from.handles.count(p))
        v.join(HandleVal::of(symbolicChan(p)));
    for (auto &[c, v] : from.chans)
      chanState(into, c).join(v);
    for (auto &[c, v] : into.chans)
      if (!from.chans.count(c))
        v.join(defaultChanState(c));
    into.signalled.insert(from.signalled.begin(), from.signalled.end());
  }
  static State acrossBackEdge(State s) {
    for (auto &[c, v] : s.chans)
      if (v.bits & kClosed)
        v.bits = (v.bits & ~kClosed) | kClosedPrevIter;
    return s;
  }

  // --- expressions ---------------------------------------------------------
  bool isChannel(QualType t) { return A.models.isChannelType(t); }

  std::optional<PathId> pathOf(const Expr *e) {
    e = strip(e);
    if (!e)
      return std::nullopt;
    if (const auto *ce = dyn_cast<CXXConstructExpr>(e)) {
      // A copy or a direction view aliases the same channel (or struct).
      if (ce->getNumArgs() >= 1 && ce->getConstructor() &&
          (ce->getConstructor()->isCopyOrMoveConstructor() ||
           (isChannel(ce->getType()) && isChannel(ce->getArg(0)->getType()))))
        return pathOf(ce->getArg(0));
      return std::nullopt;
    }
    if (const auto *call = dyn_cast<CallExpr>(e); call && isStdMoveLike(call))
      return pathOf(call->getArg(0));
    if (const auto *u = dyn_cast<UnaryOperator>(e);
        u && (u->getOpcode() == UO_AddrOf || u->getOpcode() == UO_Deref))
      return pathOf(u->getSubExpr());
    if (const auto *dre = dyn_cast<DeclRefExpr>(e)) {
      const auto *vd = dyn_cast<VarDecl>(dre->getDecl());
      if (!vd)
        return std::nullopt;
      auto it = aliases_.find(vd);
      if (it != aliases_.end())
        return it->second;
      return A.paths.intern({vd, {}});
    }
    if (const auto *me = dyn_cast<MemberExpr>(e)) {
      const auto *field = dyn_cast<FieldDecl>(me->getMemberDecl());
      if (!field)
        return std::nullopt;
      std::optional<PathId> base = pathOf(me->getBase());
      if (!base)
        return std::nullopt;
      return A.paths.child(*base, field);
    }
    if (isa<CXXThisExpr>(e))
      return A.paths.intern({&kThisRoot, {}});
    return std::nullopt;
  }

  HandleVal valueOf(State &s, const Expr *e) {
    e = strip(e);
    if (!e)
      return HandleVal::of(newChan({}));
    if (auto it = exprValues_.find(e); it != exprValues_.end())
      return it->second;
    return evaluate(s, e);
  }

  HandleVal evaluate(State &s, const Expr *e) {
    if (std::optional<PathId> p = pathOf(e); p && !isa<CXXConstructExpr>(e))
      return handle(s, *p);
    if (const auto *ce = dyn_cast<CXXConstructExpr>(e)) {
      if (ce->getNumArgs() == 0)
        return HandleVal::nil(ce->getBeginLoc());
      return valueOf(s, ce->getArg(0));
    }
    if (const auto *co = dyn_cast<AbstractConditionalOperator>(e)) {
      HandleVal v = valueOf(s, co->getTrueExpr());
      v.join(valueOf(s, co->getFalseExpr()));
      return v;
    }
    if (const auto *call = dyn_cast<CallExpr>(e)) {
      const CallModel *m = A.models.callModel(call);
      if (m && m->op == OpKind::Make) {
        ChanInfo info{call->getBeginLoc(), {}, {}};
        Expr::EvalResult r;
        if (m->extraArg >= 0 && static_cast<unsigned>(m->extraArg) < call->getNumArgs()) {
          const Expr *cap = call->getArg(m->extraArg);
          if (isa<CXXDefaultArgExpr>(cap))
            info.capacity = 0;
          else if (cap->EvaluateAsInt(r, A.ctx))
            info.capacity = r.Val.getInt().getZExtValue();
        } else {
          info.capacity = 0;
        }
        return HandleVal::of(siteChan(call, info));
      }
    }
    if (isa<CXXNullPtrLiteralExpr>(e))
      return HandleVal::nil(e->getBeginLoc());
    // Any other producer (a call returning a handle, ...): an unknown channel.
    return HandleVal::of(siteChan(e, {}));
  }

  // --- effects ---------------------------------------------------------------
  void closeChannels(State &s, const HandleVal &h, SourceLocation at, bool definite) {
    bool strong = definite && h.chans.size() == 1 && !h.maybeNil;
    for (ChanId c : h.chans) {
      ChanState &cs = chanState(s, c);
      if (strong) {
        cs.bits = kClosed;
        cs.closedAt = at;
      } else {
        cs.bits |= kClosed;
        if (cs.closedAt.isInvalid())
          cs.closedAt = at;
      }
    }
  }

  // Whether assigning this handle is seen by the caller: storage reached
  // through `this`, a reference or pointer parameter, a variable captured by
  // reference, or a global.  By-value parameters and by-copy captures are
  // the function's own copies.
  bool visibleToCaller(PathId p) const {
    const void *root = A.paths.get(p).root;
    if (root == &kThisRoot)
      return true;
    const auto *vd = static_cast<const VarDecl *>(root);
    const DeclContext *dc = vd->getDeclContext();
    if (isa<ParmVarDecl>(vd) && dc == fd_)
      return vd->getType()->isReferenceType() || vd->getType()->isPointerType();
    if (fd_->Encloses(dc))
      return false;
    if (const auto *method = dyn_cast<CXXMethodDecl>(fd_); method && method->getParent()->isLambda())
      for (const LambdaCapture &c : method->getParent()->captures())
        if (c.capturesVariable() && c.getCapturedVar() == vd)
          return c.getCaptureKind() == LCK_ByRef;
    return true;
  }

  void setHandle(State &s, PathId p, HandleVal v) {
    if (visibleToCaller(p)) {
      reassigned_.try_emplace(p, v.nilAt);
      noteEscape(s, v);
    }
    s.handles[p] = std::move(v);
    // A new value for a struct replaces what we knew of its fields.
    const AccessPath &base = A.paths.get(p);
    for (auto it = s.handles.begin(); it != s.handles.end();) {
      const AccessPath &q = A.paths.get(it->first);
      if (q.root == base.root && q.fields.size() > base.fields.size() &&
          std::equal(base.fields.begin(), base.fields.end(), q.fields.begin()))
        it = s.handles.erase(it);
      else
        ++it;
    }
  }

  // `dst = src` for a struct holding channel handles: the fields alias.
  void copyStruct(State &s, PathId dst, PathId src) {
    const AccessPath srcPath = A.paths.get(src);
    setHandle(s, dst, HandleVal::of(symbolicChan(dst)));
    s.handles.erase(dst);
    std::vector<std::pair<PathId, HandleVal>> copies;
    for (auto &[p, v] : s.handles) {
      const AccessPath &q = A.paths.get(p);
      if (q.root == srcPath.root && q.fields.size() > srcPath.fields.size() &&
          std::equal(srcPath.fields.begin(), srcPath.fields.end(), q.fields.begin())) {
        PathId target = dst;
        for (size_t i = srcPath.fields.size(); i < q.fields.size(); ++i)
          target = A.paths.child(target, q.fields[i]);
        copies.emplace_back(target, v);
      }
    }
    for (auto &[p, v] : copies)
      s.handles[p] = v;
  }

  ChannelStateFact stateFact(State &s, const HandleVal &h, const Stmt *op) {
    ChannelStateFact f;
    f.nil = h.definitelyNil() ? Certainty::Definitely : h.maybeNil ? Certainty::Maybe : Certainty::No;
    f.nilAt = h.nilAt;
    bool allClosed = !h.chans.empty(), anyForward = false, anyPrev = false, anyValues = h.chans.empty();
    for (ChanId c : h.chans) {
      const ChanState &cs = chanState(s, c);
      if (cs.bits & kOpen)
        allClosed = false;
      anyForward |= (cs.bits & kClosed) != 0;
      anyPrev |= (cs.bits & kClosedPrevIter) != 0;
      joinLoc(f.closedAt, cs.closedAt);
      f.closedByOtherGoroutine = maxCertainty(f.closedByOtherGoroutine, cs.elsewhere);
      f.otherGoroutineStartedOnThisPath |= cs.spawnedOnThisPath;
      if (!cs.pendingSenders.empty()) {
        f.otherGoroutineMaySend = true;
        joinLoc(f.pendingSenderSpawnAt,
                SourceLocation::getFromRawEncoding(cs.pendingSenders.begin()->first));
        joinLoc(f.pendingSendAt, cs.pendingSenders.begin()->second.sendAt);
      }
      anyValues |= cs.mayHoldValues;
      joinLoc(f.otherGoroutineCloseAt, cs.elsewhereAt);
      joinLoc(f.otherGoroutineSpawnAt, cs.spawnAt);
      const ChanInfo &info = chanInfos_[c];
      joinLoc(f.madeAt, info.madeAt);
      if (info.capacity)
        f.capacity = f.capacity ? std::max(*f.capacity, *info.capacity) : *info.capacity;
    }
    f.mayHoldValues = anyValues;
    if (allClosed && !h.maybeNil)
      f.closed = Certainty::Definitely;
    else if (anyForward || anyPrev)
      f.closed = Certainty::Maybe;
    if (f.closed == Certainty::Maybe && !anyForward) {
      // Closed only through a loop's back edge: an earlier iteration, unless
      // this operation is outside the loop that holds the close.
      f.closedOnlyInEarlierIteration = sameLoop(op, f.closedAt);
    }
    return f;
  }

  // Whether `op` sits inside a loop of this function that also contains `loc`.
  bool sameLoop(const Stmt *op, SourceLocation loc) {
    if (!op || loc.isInvalid())
      return true;
    const SourceManager &sm = A.ctx.getSourceManager();
    for (const Stmt *s = parents_.getParent(op); s; s = parents_.getParent(s))
      if (isLoop(s)) {
        SourceRange r = s->getSourceRange();
        if (!sm.isBeforeInTranslationUnit(sm.getExpansionLoc(loc), sm.getExpansionLoc(r.getBegin())) &&
            !sm.isBeforeInTranslationUnit(sm.getExpansionLoc(r.getEnd()), sm.getExpansionLoc(loc)))
          return true;
      }
    return false;
  }

  std::string subjectOf(const Expr *chanExpr, std::optional<PathId> p) {
    const SourceManager &sm = A.ctx.getSourceManager();
    const Expr *e = chanExpr ? strip(chanExpr) : nullptr;
    if (e && e->getSourceRange().isValid() && !e->getBeginLoc().isMacroID() &&
        !e->getEndLoc().isMacroID() && !isa<CXXThisExpr>(e)) {
      StringRef text = Lexer::getSourceText(CharSourceRange::getTokenRange(e->getSourceRange()), sm,
                                            A.ctx.getLangOpts());
      if (!text.empty() && text.size() < 80 && !text.contains('\n') && !text.starts_with("__"))
        return text.str();
    }
    if (p)
      return A.paths.render(*p);
    return "<channel>";
  }

  ReceivedValueFact receivedValue(const Expr *call) {
    ReceivedValueFact v;
    const Stmt *child = call;
    const Stmt *parent = parents_.getParent(call);
    while (parent && (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr, ExprWithCleanups,
                          CXXBindTemporaryExpr, CXXFunctionalCastExpr>(parent) ||
                      (isa<CXXConstructExpr>(parent) &&
                       cast<CXXConstructExpr>(parent)->getNumArgs() == 1))) {
      child = parent;
      parent = parents_.getParent(parent);
    }
    v.used = parent && !isa<CompoundStmt>(parent) &&
             !(isa<CStyleCastExpr>(parent) && cast<CStyleCastExpr>(parent)->getType()->isVoidType());
    if (!v.used)
      return v;
    const VarDecl *holder = nullptr;
    if (const auto *ds = dyn_cast<DeclStmt>(parent)) {
      if (ds->isSingleDecl())
        holder = dyn_cast<VarDecl>(ds->getSingleDecl());
    } else if (const auto *bo = dyn_cast<BinaryOperator>(parent); bo && bo->isAssignmentOp()) {
      if (const auto *dre = dyn_cast<DeclRefExpr>(strip(bo->getLHS())))
        holder = dyn_cast<VarDecl>(dre->getDecl());
    } else if (const auto *oc = dyn_cast<CXXOperatorCallExpr>(parent);
               oc && oc->getOperator() == OO_Equal) {
      if (const auto *dre = dyn_cast<DeclRefExpr>(strip(oc->getArg(0))))
        holder = dyn_cast<VarDecl>(dre->getDecl());
    }
    v.checked = inCondition(child) || (holder && referencedInCondition(holder));
    for (const Stmt *s = parents_.getParent(call); s; s = parents_.getParent(s)) {
      if (!isLoop(s))
        continue;
      const Expr *cond = nullptr;
      if (const auto *f = dyn_cast<ForStmt>(s)) {
        if (!f->getCond()) {
          v.inUnboundedLoop = true;
          break;
        }
        cond = f->getCond();
      } else if (const auto *w = dyn_cast<WhileStmt>(s)) {
        cond = w->getCond();
      } else if (const auto *d = dyn_cast<DoStmt>(s)) {
        cond = d->getCond();
      }
      bool value = false;
      v.inUnboundedLoop = cond && !cond->isValueDependent() &&
                          cond->EvaluateAsBooleanCondition(value, A.ctx) && value;
      break;
    }
    return v;
  }

  bool isConditionOf(const Stmt *s, const Stmt *parent) {
    if (const auto *i = dyn_cast<IfStmt>(parent))
      return i->getCond() == s;
    if (const auto *w = dyn_cast<WhileStmt>(parent))
      return w->getCond() == s;
    if (const auto *f = dyn_cast<ForStmt>(parent))
      return f->getCond() == s;
    if (const auto *d = dyn_cast<DoStmt>(parent))
      return d->getCond() == s;
    if (const auto *sw = dyn_cast<SwitchStmt>(parent))
      return sw->getCond() == s;
    if (const auto *co = dyn_cast<ConditionalOperator>(parent))
      return co->getCond() == s;
    return false;
  }
  bool inCondition(const Stmt *s) {
    for (const Stmt *p = parents_.getParent(s); p; s = p, p = parents_.getParent(p)) {
      if (isConditionOf(s, p))
        return true;
      if (isa<CompoundStmt>(p))
        return false;
    }
    return false;
  }
  bool referencedInCondition(const VarDecl *vd) {
    bool found = false;
    std::function<void(const Stmt *)> walk = [&](const Stmt *s) {
      if (!s || found)
        return;
      if (const auto *dre = dyn_cast<DeclRefExpr>(s); dre && dre->getDecl() == vd && inCondition(dre)) {
        found = true;
        return;
      }
      for (const Stmt *c : s->children())
        walk(c);
    };
    walk(fd_->getBody());
    return found;
  }

  void recordOp(State &s, OpKind op, const Expr *site, const Expr *chanExpr, const HandleVal &h,
                std::optional<PathId> p, const FunctionDecl *callee = nullptr,
                SourceLocation calleeOpLoc = {}) {
    if (!recording_)
      return;
    ChannelOpFact f{op, site->getBeginLoc(), fd_, subjectOf(chanExpr, p),
                    callee ? callee->getNameAsString() : std::string(), calleeOpLoc,
                    stateFact(s, h, site), {}};
    if (op == OpKind::Recv)
      f.value = receivedValue(site);
    A.facts.ops.push_back(std::move(f));
  }

  // Some code we do not see, or a send, may fill these channels.
  void mayFill(State &s, const HandleVal &h) {
    for (ChanId c : h.chans)
      chanState(s, c).mayHoldValues = true;
  }

  // Whether a path is reachable from the caller (for summaries).
  bool rootVisible(PathId p) const {
    const void *root = A.paths.get(p).root;
    if (root == &kThisRoot)
      return true;
    const auto *vd = static_cast<const VarDecl *>(root);
    if (isa<ParmVarDecl>(vd) && vd->getDeclContext() == fd_)
      return true;
    return !fd_->Encloses(vd->getDeclContext());
  }

  void recordSignal(State &s, PathId signal) {
    if (!rootVisible(signal))
      return;
    s.signalled.insert(signal);
    std::map<PathId, SourceLocation> closed;
    for (auto &[path, chan] : symbolicChans_)
      if (rootVisible(path))
        if (const ChanState &cs = chanState(s, chan); cs.bits == kClosed)
          closed[path] = cs.closedAt;
    auto [it, first] = signals_.try_emplace(signal, closed);
    if (!first)
      for (auto c = it->second.begin(); c != it->second.end();)
        c = closed.count(c->first) ? std::next(c) : it->second.erase(c);
  }

  // A receive from such a channel returns only at its close: a join point.
  bool nothingEverSent(State &s, const HandleVal &h) {
    if (h.chans.empty())
      return false;
    for (ChanId c : h.chans)
      if (chanState(s, c).mayHoldValues)
        return false;
    return true;
  }

  // Waiting for `signal` returned: closes that preceded it are now visible.
  void joinSignal(State &s, PathId signal) {
    for (auto &[c, cs] : s.chans) {
      if (auto it = cs.closedAtSignal.find(signal); it != cs.closedAtSignal.end()) {
        cs.bits = kClosed;
        cs.closedAt = it->second;
      }
      for (auto it = cs.pendingSenders.begin(); it != cs.pendingSenders.end();)
        it = it->second.doneAt.count(signal) ? cs.pendingSenders.erase(it) : std::next(it);
    }
  }

  void noteEscape(State &s, const HandleVal &h) {
    mayFill(s, h);
    for (ChanId c : h.chans)
      if (chanInfos_[c].symbolicPath)
        escaped_.insert(c);
  }

  // Every channel reachable from `e`: the handle itself, or the handles
  // stored under the struct it names.
  void escapeExpr(State &s, const Expr *e) {
    if (isChannel(e->getType())) {
      noteEscape(s, valueOf(s, e));
      return;
    }
    std::optional<PathId> base = pathOf(e);
    if (!base)
      return;
    const AccessPath bp = A.paths.get(*base);
    std::vector<HandleVal> reached;
    for (auto &[p, v] : s.handles) {
      const AccessPath &q = A.paths.get(p);
      if (q.root == bp.root && q.fields.size() > bp.fields.size() &&
          std::equal(bp.fields.begin(), bp.fields.end(), q.fields.begin()))
        reached.push_back(v);
    }
    for (const HandleVal &v : reached)
      noteEscape(s, v);
  }

  void noteSend(State &s, const HandleVal &h, SourceLocation at) {
    mayFill(s, h);
    for (ChanId c : h.chans)
      if (chanInfos_[c].symbolicPath) {
        sendLocs_.emplace(c, at);
        for (PathId signal : s.signalled)
          sentAfterSignal_[signal].insert(*chanInfos_[c].symbolicPath);
      }
  }

  void noteOwnClose(const Expr *chanExpr, const HandleVal &h, Certainty c, SourceLocation at) {
    if (std::optional<PathId> p = pathOf(chanExpr)) {
      auto &entry = ownCloses_[*p];
      entry.first = maxCertainty(entry.first, c);
      joinLoc(entry.second, at);
    }
    for (ChanId ch : h.chans)
      if (chanInfos_[ch].symbolicPath) {
        auto &entry = ownCloses_[*chanInfos_[ch].symbolicPath];
        entry.first = maxCertainty(entry.first, c);
        joinLoc(entry.second, at);
      }
  }

  // --- calls -----------------------------------------------------------------
  // The expression the callee's root `root` stands for at this call, if any.
  const Expr *argumentFor(const CallExpr *call, const FunctionDecl *callee, const void *root,
                          unsigned argOffset) {
    const auto *method = dyn_cast<CXXMethodDecl>(callee);
    bool lambda = method && method->getParent()->isLambda();
    if (root == &kThisRoot) {
      if (lambda || !method || method->isStatic())
        return nullptr;
      if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call))
        return mc->getImplicitObjectArgument();
      if (isa<CXXOperatorCallExpr>(call) && call->getNumArgs() > 0)
        return call->getArg(0);
      return nullptr;
    }
    for (unsigned i = 0; i < callee->getNumParams(); ++i)
      if (callee->getParamDecl(i) == root) {
        unsigned idx = i + argOffset;
        return idx < call->getNumArgs() ? call->getArg(idx) : nullptr;
      }
    return nullptr;
  }

  bool isParamOf(const FunctionDecl *callee, const void *root) {
    if (root == &kThisRoot)
      return true;
    for (const ParmVarDecl *p : callee->parameters())
      if (p == root)
        return true;
    return false;
  }

  // Maps a summary target of `callee` into this function: the path and the
  // handle value the caller sees.
  std::optional<std::pair<std::optional<PathId>, const Expr *>>
  translate(const CallExpr *call, const FunctionDecl *callee, PathId target, unsigned argOffset) {
    const AccessPath &tp = A.paths.get(target);
    const auto *method = dyn_cast<CXXMethodDecl>(callee);
    bool lambda = method && method->getParent()->isLambda();
    if (!isParamOf(callee, tp.root) || (tp.root == &kThisRoot && lambda))
      return std::make_pair(std::optional<PathId>(target), nullptr); // captured, global, lambda's this
    const Expr *arg = argumentFor(call, callee, tp.root, argOffset);
    if (!arg)
      return std::nullopt;
    std::optional<PathId> base = pathOf(arg);
    if (!base)
      return tp.fields.empty() ? std::make_optional(std::make_pair(std::optional<PathId>(), arg))
                               : std::nullopt;
    PathId p = *base;
    for (const FieldDecl *f : tp.fields)
      p = A.paths.child(p, f);
    return std::make_pair(std::optional<PathId>(p), arg);
  }

  void applySummary(State &s, const CallExpr *call, const FunctionDecl *callee, unsigned argOffset,
                    bool mayNotRun) {
    const FunctionSummary *sum = A.summaryOf(callee);
    if (!sum)
      return;
    if (!mayNotRun)
      applyJoins(s, call, callee, *sum, argOffset);
    for (const FunctionSummary::Entry &e : sum->entries) {
      auto t = translate(call, callee, e.target, argOffset);
      if (!t || !s.reachable)
        continue;
      auto [path, arg] = *t;
      HandleVal h = path ? handle(s, *path) : valueOf(s, arg);
      const Expr *chanExpr = arg ? arg : call;
      // A field reached through the argument is named by its path ("d.queue").
      std::optional<PathId> named = A.paths.get(e.target).fields.empty() ? std::nullopt : path;
      switch (e.effect) {
      case FunctionSummary::Effect::AlwaysCloses:
        if (!mayNotRun) {
          recordOp(s, OpKind::Close, call, named ? nullptr : chanExpr, h, path, callee, e.loc);
          noteOwnClose(chanExpr, h, Certainty::Definitely, e.loc);
          if (afterPanic(s, h, OpKind::Close))
            return;
          // In this function's history the close happens at the call.
          closeChannels(s, h, call->getBeginLoc(), true);
          break;
        }
        [[fallthrough]];
      case FunctionSummary::Effect::MayClose:
        noteOwnClose(chanExpr, h, Certainty::Maybe, e.loc);
        closeChannels(s, h, call->getBeginLoc(), false);
        break;
      case FunctionSummary::Effect::Reassigns:
        if (path)
          setHandle(s, *path, HandleVal::of(siteChan(call, {})));
        break;
      case FunctionSummary::Effect::Escapes:
        noteEscape(s, h);
        break;
      case FunctionSummary::Effect::ClosedBeforeSignal:
      case FunctionSummary::Effect::SentBeforeSignal:
      case FunctionSummary::Effect::WaitsFor:
      case FunctionSummary::Effect::ReceivesFrom:
        break; // a direct call's operations are already in sequence; joins come first
      case FunctionSummary::Effect::Sends:
        if (!mayNotRun) {
          recordOp(s, OpKind::Send, call, named ? nullptr : chanExpr, h, path, callee, e.loc);
          noteSend(s, h, e.loc);
        }
        break;
      }
    }
  }

  // The callee's waits, applied before its other effects: a helper that
  // waits for a worker and then closes closes after the worker is done.
  void applyJoins(State &s, const CallExpr *call, const FunctionDecl *callee,
                  const FunctionSummary &sum, unsigned argOffset) {
    for (const FunctionSummary::Entry &e : sum.entries) {
      if (e.effect != FunctionSummary::Effect::WaitsFor &&
          e.effect != FunctionSummary::Effect::ReceivesFrom)
        continue;
      auto t = translate(call, callee, e.target, argOffset);
      if (!t || !t->first)
        continue;
      if (e.effect == FunctionSummary::Effect::ReceivesFrom) {
        if (!nothingEverSent(s, handle(s, *t->first)))
          continue;
      }
      joinSignal(s, *t->first);
    }
  }

  // After an operation that certainly panics or blocks forever, nothing
  // below it runs: stop so one bug is reported once.
  bool afterPanic(State &s, const HandleVal &h, OpKind op) {
    if (h.definitelyNil() && op != OpKind::SelectSend && op != OpKind::SelectRecv) {
      s.reachable = false;
      return true;
    }
    if (op == OpKind::Send || op == OpKind::Close) {
      bool allClosed = !h.chans.empty() && !h.maybeNil;
      for (ChanId c : h.chans)
        allClosed &= !(chanState(s, c).bits & kOpen);
      if (allClosed) {
        s.reachable = false;
        return true;
      }
    }
    return false;
  }

  const FunctionDecl *callableBody(const Expr *e) {
    e = strip(e);
    if (const auto *le = dyn_cast_or_null<LambdaExpr>(e))
      return le->getCallOperator();
    if (const auto *u = dyn_cast_or_null<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf)
      e = strip(u->getSubExpr());
    if (const auto *ce = dyn_cast_or_null<CXXConstructExpr>(e); ce && ce->getNumArgs() == 1)
      return callableBody(ce->getArg(0));
    if (const auto *dre = dyn_cast_or_null<DeclRefExpr>(e)) {
      if (const auto *f = dyn_cast<FunctionDecl>(dre->getDecl()))
        return f->getDefinition() ? f->getDefinition() : f;
      if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl())) {
        if (auto it = lambdaVars_.find(vd); it != lambdaVars_.end())
          return it->second->getCallOperator();
      }
    }
    return nullptr;
  }

  void spawn(State &s, const CallExpr *call, const CallModel &m) {
    if (m.extraArg < 0 || static_cast<unsigned>(m.extraArg) >= call->getNumArgs())
      return;
    const FunctionDecl *body = callableBody(call->getArg(m.extraArg));
    if (!body || !A.isAnalysable(body))
      return;
    const FunctionSummary *sum = A.summaryOf(body);
    Spawn sp{body, call->getBeginLoc(), {}, {}, {}};
    if (sum) {
      for (const FunctionSummary::Entry &e : sum->entries) {
        auto t = translate(call, body, e.target, m.extraArg + 1);
        if (!t)
          continue;
        auto [path, arg] = *t;
        if (e.effect == FunctionSummary::Effect::Sends ||
            e.effect == FunctionSummary::Effect::Escapes) {
          noteEscape(s, path ? handle(s, *path) : valueOf(s, arg));
          continue;
        }
        if (e.effect == FunctionSummary::Effect::SentBeforeSignal ||
            e.effect == FunctionSummary::Effect::ClosedBeforeSignal) {
          auto sig = translate(call, body, e.signal, m.extraArg + 1);
          if (!sig || !sig->first)
            continue;
          HandleVal h = path ? handle(s, *path) : valueOf(s, arg);
          for (ChanId ch : h.chans) {
            ChanState &cs = chanState(s, ch);
            if (e.effect == FunctionSummary::Effect::ClosedBeforeSignal) {
              cs.closedAtSignal[*sig->first] = e.loc;
              continue;
            }
            // Only a goroutine whose sends end with a signal we can see is
            // tracked: its sends are over once that signal is waited for.
            auto &pending = cs.pendingSenders[call->getBeginLoc().getRawEncoding()];
            pending.sendAt = e.loc;
            pending.doneAt.insert(*sig->first);
          }
          continue;
        }
        if (e.effect == FunctionSummary::Effect::Reassigns) {
          if (path)
            setHandle(s, *path, HandleVal::of(siteChan(call, {})));
          continue;
        }
        HandleVal h = path ? handle(s, *path) : valueOf(s, arg);
        Certainty c = e.effect == FunctionSummary::Effect::AlwaysCloses ? Certainty::Definitely
                                                                        : Certainty::Maybe;
        for (ChanId ch : h.chans) {
          ChanState &cs = chanState(s, ch);
          cs.elsewhere = maxCertainty(cs.elsewhere, c);
          cs.spawnedOnThisPath = true;
          joinLoc(cs.elsewhereAt, e.loc);
          joinLoc(cs.spawnAt, call->getBeginLoc());
        }
        if (path) {
          sp.closes[*path] = e.effect;
          sp.closeLocs[*path] = e.loc;
        }
      }
    }
    const auto *method = dyn_cast<CXXMethodDecl>(body);
    if (recording_ && method && method->getParent()->isLambda()) {
      for (const LambdaCapture &cap : method->getParent()->captures()) {
        const auto *var = cap.capturesVariable() ? dyn_cast<VarDecl>(cap.getCapturedVar()) : nullptr;
        if (!var || !isChannel(var->getType()))
          continue;
        PathId p = aliases_.count(var) ? aliases_.lookup(var) : A.paths.intern({var, {}});
        const HandleVal &h = handle(s, p);
        if (h.chans.size() != 1 || h.maybeNil)
          continue;
        const ChanState &cs = chanState(s, h.chans.front());
        if (cs.bits == kClosed)
          sp.closedBeforeStart[A.paths.intern({var, {}})] = {cs.closedAt, !cs.mayHoldValues};
      }
      spawns_.push_back(std::move(sp));
    }
  }

  void modelledCall(State &s, const CallExpr *call, const CallModel &m) {
    switch (m.op) {
    case OpKind::Make:
      return;
    case OpKind::Spawn:
      return spawn(s, call, m);
    case OpKind::WaitDone:
    case OpKind::WaitJoin:
      if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call))
        if (std::optional<PathId> wg = pathOf(mc->getImplicitObjectArgument())) {
          if (m.op == OpKind::WaitDone) {
            recordSignal(s, *wg);
          } else {
            joinSignal(s, *wg);
            if (rootVisible(*wg))
              waitedFor_.insert(*wg);
          }
        }
      return;
    default:
      break;
    }
    const Expr *chanExpr = nullptr;
    if (m.channelArg < 0) {
      if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call))
        chanExpr = mc->getImplicitObjectArgument();
    } else if (static_cast<unsigned>(m.channelArg) < call->getNumArgs()) {
      chanExpr = call->getArg(m.channelArg);
    }
    if (!chanExpr)
      return;
    std::optional<PathId> p = pathOf(chanExpr);
    HandleVal h = p ? handle(s, *p) : valueOf(s, chanExpr);
    const Expr *site = call;
    // `select(on_send(ch, v), on_default())`: a send case on a closed
    // channel counts as ready, so as the only case besides default it is
    // taken whenever the channel is closed: it sends as surely as send().
    bool loneSendCase = m.op == OpKind::SelectSend && onlyCaseOfItsSelect(call);
    OpKind op = loneSendCase ? OpKind::Send : m.op;
    if (m.op == OpKind::Range) {
      // Report a range-for at its range expression, as the user wrote it.
      if (const auto *loop = enclosingRangeFor(call)) {
        site = loop->getRangeInit();
        chanExpr = loop->getRangeInit();
      }
    }
    recordOp(s, m.op, site, chanExpr, h, p);
    if (recording_ && loneSendCase)
      A.facts.ops.back().onlyCaseBesidesDefault = true;
    // A channel sent as a value (a channel of channels) goes where we cannot follow.
    for (const Expr *arg : call->arguments())
      if (arg != chanExpr && isChannel(arg->getType()))
        noteEscape(s, valueOf(s, arg));
    if (op == OpKind::Send)
      noteSend(s, h, call->getBeginLoc());
    else if (op == OpKind::SelectSend)
      mayFill(s, h);
    if (m.op == OpKind::Close)
      noteOwnClose(chanExpr, h, Certainty::Definitely, call->getBeginLoc());
    if (m.op == OpKind::SelectRecv || m.op == OpKind::SelectSend) {
      // The callback runs only if its case is chosen.
      if (m.extraArg >= 0 && static_cast<unsigned>(m.extraArg) < call->getNumArgs())
        if (const FunctionDecl *cb = callableBody(call->getArg(m.extraArg)); cb && A.isAnalysable(cb))
          applySummary(s, call, cb, call->getNumArgs(), /*mayNotRun=*/true);
      return;
    }
    if (afterPanic(s, h, m.op))
      return;
    if (m.op == OpKind::Close) {
      closeChannels(s, h, call->getBeginLoc(), true);
      if (p)
        recordSignal(s, *p);
    }
    // A receive from a channel nothing is sent on returns only at its close.
    if (p && (m.op == OpKind::Recv || m.op == OpKind::RecvOk || m.op == OpKind::Range)) {
      if (rootVisible(*p))
        receivedFrom_.insert(*p);
      if (nothingEverSent(s, h))
        joinSignal(s, *p);
    }
  }

  // Whether this select case is the only non-default case of the select
  // call it is an argument of.
  bool onlyCaseOfItsSelect(const CallExpr *caseCall) {
    const Stmt *p = parents_.getParent(caseCall);
    while (p && isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                    CXXConstructExpr, ExprWithCleanups>(p))
      p = parents_.getParent(p);
    const auto *select = dyn_cast_or_null<CallExpr>(p);
    if (!select)
      return false;
    unsigned cases = 0;
    for (const Expr *arg : select->arguments()) {
      const auto *c = dyn_cast_or_null<CallExpr>(strip(arg));
      const CallModel *cm = c ? A.models.callModel(c) : nullptr;
      if (!cm)
        continue;
      if (cm->op == OpKind::SelectSend || cm->op == OpKind::SelectRecv)
        ++cases;
    }
    return cases == 1;
  }

  const CXXForRangeStmt *enclosingRangeFor(const Expr *beginCall) {
    for (const Stmt *p = parents_.getParent(beginCall); p; p = parents_.getParent(p))
      if (const auto *rf = dyn_cast<CXXForRangeStmt>(p))
        return rf;
    return nullptr;
  }

  // A lambda handed to a call may run during it or later: the handles it
  // assigns are unknown from here on.
  void forgetLambdaWrites(State &s, const CallExpr *call) {
    for (const Expr *arg : call->arguments()) {
      const FunctionDecl *body = callableBody(arg);
      const auto *method = dyn_cast_or_null<CXXMethodDecl>(body);
      if (!method || !method->getParent()->isLambda() || !A.isAnalysable(body))
        continue;
      if (const FunctionSummary *sum = A.summaryOf(body))
        for (const FunctionSummary::Entry &e : sum->entries) {
          if (e.effect == FunctionSummary::Effect::Reassigns)
            setHandle(s, e.target, HandleVal::of(siteChan(arg, {})));
          else if (e.effect == FunctionSummary::Effect::Sends ||
                   e.effect == FunctionSummary::Effect::Escapes)
            noteEscape(s, handle(s, e.target));
        }
    }
  }

  void call(State &s, const CallExpr *call) {
    forgetLambdaWrites(s, call);
    if (const CallModel *m = A.models.callModel(call))
      return modelledCall(s, call, *m);
    if (const auto *oc = dyn_cast<CXXOperatorCallExpr>(call); oc && oc->getOperator() == OO_Equal &&
                                                             oc->getNumArgs() == 2)
      return assign(s, oc);
    const FunctionDecl *callee = call->getDirectCallee();
    if (!callee || isStdMoveLike(call))
      return;
    unsigned argOffset = 0;
    if (const auto *oc = dyn_cast<CXXOperatorCallExpr>(call); oc && isa<CXXMethodDecl>(callee))
      argOffset = 1; // arg 0 is the object
    if (const FunctionDecl *def = callee->getDefinition(); def && A.isAnalysable(def))
      return applySummary(s, call, def, argOffset, false);
    // A callee we cannot see may send on what it gets, and may reassign
    // handles it gets by non-const reference or pointer.
    for (const Expr *arg : call->arguments())
      escapeExpr(s, arg);
    if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call))
      if (const Expr *obj = mc->getImplicitObjectArgument())
        escapeExpr(s, obj);
    for (unsigned i = 0; i < callee->getNumParams() && i + argOffset < call->getNumArgs(); ++i) {
      QualType pt = callee->getParamDecl(i)->getType();
      bool writable = (pt->isReferenceType() || pt->isPointerType()) &&
                      !pt->getPointeeType().isConstQualified();
      if (!writable)
        continue;
      if (std::optional<PathId> p = pathOf(call->getArg(i + argOffset)))
        setHandle(s, *p, HandleVal::of(siteChan(call->getArg(i + argOffset), {})));
    }
  }

  void assign(State &s, const CXXOperatorCallExpr *oc) {
    std::optional<PathId> dst = pathOf(oc->getArg(0));
    if (!dst)
      return;
    const Expr *rhs = oc->getArg(1);
    if (isChannel(oc->getArg(0)->getType())) {
      HandleVal v = valueOf(s, rhs);
      std::optional<PathId> src = pathOf(rhs);
      const auto *method = dyn_cast_or_null<CXXMethodDecl>(oc->getDirectCallee());
      if (src && *src != *dst && method && method->isMoveAssignmentOperator() &&
          strip(rhs)->isXValue())
        setHandle(s, *src, HandleVal::nil(oc->getBeginLoc()));
      setHandle(s, *dst, std::move(v));
    } else if (std::optional<PathId> src = pathOf(rhs); src && *src != *dst) {
      copyStruct(s, *dst, *src);
    }
  }

  void declare(State &s, const VarDecl *vd) {
    const Expr *init = vd->getInit();
    QualType t = vd->getType();
    if (t->isReferenceType() || t->isPointerType()) {
      if (init)
        if (std::optional<PathId> p = pathOf(init))
          aliases_[vd] = *p;
      return;
    }
    if (init)
      if (const auto *le = dyn_cast<LambdaExpr>(strip(init)))
        lambdaVars_[vd] = le;
    PathId self = A.paths.intern({vd, {}});
    if (isChannel(t)) {
      setHandle(s, self, init ? valueOf(s, init) : HandleVal::nil(vd->getLocation()));
    } else if (init && t->isRecordType()) {
      if (std::optional<PathId> src = pathOf(init); src && *src != self)
        copyStruct(s, self, *src);
      else
        initializeFields(s, self, t->getAsCXXRecordDecl(), strip(init), vd->getLocation());
    }
  }

  // A struct made by its implicit default constructor or by aggregate
  // initialisation: each channel field holds its initializer's value, its
  // default member initializer's, or nil.  A user-written constructor is
  // analysed as a function of its own; here its fields stay unknown.
  void initializeFields(State &s, PathId base, const CXXRecordDecl *rd, const Expr *init,
                        SourceLocation at) {
    if (!rd || !rd->hasDefinition())
      return;
    const auto *list = dyn_cast_or_null<InitListExpr>(init);
    if (list && list->isSyntacticForm() && list->getSyntacticForm())
      list = list->getSemanticForm();
    const auto *ctor = dyn_cast_or_null<CXXConstructExpr>(init);
    bool implicitDefault = ctor && ctor->getNumArgs() == 0 && ctor->getConstructor() &&
                           !ctor->getConstructor()->isUserProvided();
    if (!list && !implicitDefault)
      return;
    if (list && rd->getNumBases() != 0)
      return; // aggregate with bases: initializer positions do not map to fields alone
    unsigned index = 0;
    for (const FieldDecl *field : rd->fields()) {
      const Expr *fieldInit = list && index < list->getNumInits() ? list->getInit(index) : nullptr;
      ++index;
      PathId p = A.paths.child(base, field);
      if (isChannel(field->getType())) {
        if (fieldInit && !isa<ImplicitValueInitExpr>(fieldInit))
          setHandle(s, p, valueOf(s, fieldInit));
        else if (field->hasInClassInitializer() && field->getInClassInitializer())
          setHandle(s, p, valueOf(s, field->getInClassInitializer()));
        else
          setHandle(s, p, HandleVal::nil(at));
      } else if (const CXXRecordDecl *inner = field->getType()->getAsCXXRecordDecl()) {
        if (!fieldInit)
          continue;
        initializeFields(s, p, inner, strip(fieldInit), at);
      }
    }
  }

  void construct(State &s, const CXXConstructExpr *ce) {
    if (!isChannel(ce->getType()) || ce->getNumArgs() == 0)
      return;
    // Remember the value before a move empties the source.
    HandleVal v = valueOf(s, ce->getArg(0));
    exprValues_[ce] = v;
    const CXXConstructorDecl *ctor = ce->getConstructor();
    if (ctor && ctor->isMoveConstructor() && strip(ce->getArg(0))->isXValue())
      if (std::optional<PathId> src = pathOf(ce->getArg(0)))
        setHandle(s, *src, HandleVal::nil(ce->getBeginLoc()));
  }

  void transfer(State &s, const CFGElement &el) {
    if (!s.reachable)
      return;
    if (auto init = el.getAs<CFGInitializer>()) {
      const CXXCtorInitializer *ci = init->getInitializer();
      if (ci->isMemberInitializer() && isChannel(ci->getMember()->getType())) {
        PathId p = A.paths.child(A.paths.intern({&kThisRoot, {}}), ci->getMember());
        setHandle(s, p, valueOf(s, ci->getInit()));
      }
      return;
    }
    auto cs = el.getAs<CFGStmt>();
    if (!cs)
      return;
    const Stmt *st = cs->getStmt();
    if (const auto *ds = dyn_cast<DeclStmt>(st)) {
      for (const Decl *d : ds->decls())
        if (const auto *vd = dyn_cast<VarDecl>(d))
          declare(s, vd);
    } else if (const auto *ce = dyn_cast<CXXConstructExpr>(st)) {
      construct(s, ce);
    } else if (const auto *c = dyn_cast<CallExpr>(st)) {
      call(s, c);
    }
  }

  // Refines a branch on `if (ch)` / `if (!ch)`: the handle's nil-ness is known.
  void refine(State &s, const Expr *cond, bool branch) {
    cond = strip(cond);
    if (const auto *u = dyn_cast_or_null<UnaryOperator>(cond); u && u->getOpcode() == UO_LNot)
      return refine(s, u->getSubExpr(), !branch);
    const auto *mc = dyn_cast_or_null<CXXMemberCallExpr>(cond);
    // Calls through a pointer to member have no method declaration.
    if (!mc || !isa_and_nonnull<CXXConversionDecl>(mc->getMethodDecl()) ||
        !mc->getImplicitObjectArgument() || !isChannel(mc->getImplicitObjectArgument()->getType()))
      return;
    std::optional<PathId> p = pathOf(mc->getImplicitObjectArgument());
    if (!p)
      return;
    HandleVal &h = handle(s, *p);
    if (branch) {
      h.maybeNil = false;
      h.nilAt = {};
    } else if (h.maybeNil) {
      h.chans.clear();
    } else {
      s.reachable = false; // a non-nil handle tested nil: branch not taken
    }
  }

  State runBlock(const CFGBlock *b, State s) {
    for (const CFGElement &el : *b)
      transfer(s, el);
    return s;
  }

  State outgoing(const CFGBlock *from, const CFGBlock *to, const State &out) {
    State s = out;
    if (s.reachable && from->succ_size() == 2 && from->getTerminatorCondition())
      refine(s, dyn_cast<Expr>(from->getTerminatorCondition()), *from->succ_begin() == to);
    if (rpoIndex_.lookup(to) <= rpoIndex_.lookup(from))
      return acrossBackEdge(std::move(s));
    return s;
  }

  State incoming(const CFGBlock *b) {
    State s;
    if (b == &cfg_->getEntry()) {
      s.reachable = true;
      return s;
    }
    for (const CFGBlock::AdjacentBlock &pred : b->preds())
      if (const CFGBlock *p = pred.getReachableBlock())
        if (auto it = out_.find(p); it != out_.end())
          joinInto(s, outgoing(p, b, it->second));
    return s;
  }

  llvm::DenseMap<const CFGBlock *, State> out_;

public:
  bool build() {
    CFG::BuildOptions opts;
    opts.setAllAlwaysAdd();
    opts.AddInitializers = true;
    opts.AddImplicitDtors = false;
    opts.AddTemporaryDtors = false;
    cfg_ = CFG::buildCFG(fd_, fd_->getBody(), &A.ctx, opts);
    if (!cfg_)
      return false;
    // Reverse post-order by an iterative DFS (CFG successor lists hold null
    // entries for pruned edges, which LLVM's generic traversal does not skip).
    llvm::SmallPtrSet<const CFGBlock *, 32> seen;
    std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>> stack;
    std::vector<const CFGBlock *> post;
    const CFGBlock *entry = &cfg_->getEntry();
    seen.insert(entry);
    stack.emplace_back(entry, entry->succ_begin());
    while (!stack.empty()) {
      auto &[b, it] = stack.back();
      if (it == b->succ_end()) {
        post.push_back(b);
        stack.pop_back();
        continue;
      }
      const CFGBlock *next = it->getReachableBlock();
      ++it;
      if (next && seen.insert(next).second)
        stack.emplace_back(next, next->succ_begin());
    }
    rpo_.assign(post.rbegin(), post.rend());
    for (unsigned i = 0; i < rpo_.size(); ++i)
      rpoIndex_[rpo_[i]] = i;
    return true;
  }

  // Iterates to the fixpoint.  The lattice is finite (channel sets bounded by
  // make sites and paths, three state bits), so this terminates; the pass
  // bound only guards against pathological sizes.
  void solve() {
    for (unsigned pass = 0; pass < 64; ++pass) {
      bool changed = false;
      for (const CFGBlock *b : rpo_) {
        State out = runBlock(b, incoming(b));
        auto it = out_.find(b);
        if (it == out_.end() || !(it->second == out)) {
          out_[b] = std::move(out);
          changed = true;
        }
      }
      if (!changed)
        break;
    }
    exit_ = normalReturn();
  }

  // The state at the function's normal returns.  Paths that leave by an
  // exception (a throw, or a try whose handlers do not match) do not return
  // to the caller's next statement, so they do not weaken "always closes".
  State normalReturn() {
    State s;
    const CFGBlock *exit = &cfg_->getExit();
    for (const CFGBlock::AdjacentBlock &pred : exit->preds()) {
      const CFGBlock *p = pred.getReachableBlock();
      if (!p || isa_and_nonnull<CXXTryStmt>(p->getTerminatorStmt()))
        continue;
      if (!p->empty())
        if (auto last = p->back().getAs<CFGStmt>(); last && isa<CXXThrowExpr>(last->getStmt()))
          continue;
      if (auto it = out_.find(p); it != out_.end())
        joinInto(s, outgoing(p, exit, it->second));
    }
    return s;
  }

  // One more pass over the fixpoint, recording the facts of every operation.
  void recordFacts() {
    recording_ = true;
    for (const CFGBlock *b : rpo_)
      runBlock(b, incoming(b));
    recording_ = false;
  }

  FunctionSummary summarize() {
    FunctionSummary sum;
    for (auto &[path, at] : reassigned_)
      sum.entries.push_back({path, FunctionSummary::Effect::Reassigns, at});
    for (PathId wg : waitedFor_)
      sum.entries.push_back({wg, FunctionSummary::Effect::WaitsFor, {}});
    for (PathId ch : receivedFrom_)
      sum.entries.push_back({ch, FunctionSummary::Effect::ReceivesFrom, {}});
    for (auto &[signal, closed] : signals_) {
      for (auto &[path, at] : closed)
        sum.entries.push_back({path, FunctionSummary::Effect::ClosedBeforeSignal, at, signal});
      const std::set<PathId> &late = sentAfterSignal_[signal];
      for (auto &[chan, at] : sendLocs_)
        if (PathId path = *chanInfos_[chan].symbolicPath; rootVisible(path) && !late.count(path))
          sum.entries.push_back({path, FunctionSummary::Effect::SentBeforeSignal, at, signal});
    }
    if (!exit_.reachable && sendLocs_.empty())
      return sum;

    for (auto &[path, chan] : symbolicChans_) {
      if (!rootVisible(path))
        continue;
      if (exit_.reachable) {
        std::uint8_t bits = chanState(exit_, chan).bits;
        SourceLocation at = chanState(exit_, chan).closedAt;
        if (!(bits & kOpen))
          sum.entries.push_back({path, FunctionSummary::Effect::AlwaysCloses, at});
        else if (bits & (kClosed | kClosedPrevIter))
          sum.entries.push_back({path, FunctionSummary::Effect::MayClose, at});
      }
      if (auto it = sendLocs_.find(chan); it != sendLocs_.end())
        sum.entries.push_back({path, FunctionSummary::Effect::Sends, it->second});
      if (escaped_.count(chan))
        sum.entries.push_back({path, FunctionSummary::Effect::Escapes, {}});
    }
    return sum;
  }

  // Tells each goroutine lambda spawned here which channels it can reach are
  // closed by someone else: by this function, or by another goroutine it spawns.
  void publishGoroutineContexts() {
    for (size_t i = 0; i < spawns_.size(); ++i) {
      GoroutineContext &gc = A.goroutineContexts[spawns_[i].body];
      // A body started from several places starts in several states.
      if (++gc.spawnSites == 1)
        gc.closedBeforeStart = spawns_[i].closedBeforeStart;
      else
        gc.closedBeforeStart.clear();
      auto add = [&](PathId p, Certainty c, SourceLocation closeAt, SourceLocation spawnAt) {
        auto [it, inserted] = gc.closedElsewhere.try_emplace(p, GoroutineContext::Close{c, closeAt, spawnAt});
        if (!inserted)
          it->second.certainty = maxCertainty(it->second.certainty, c);
      };
      for (auto &[p, cl] : ownCloses_)
        add(p, cl.first, cl.second, {});
      for (size_t j = 0; j < spawns_.size(); ++j)
        if (j != i)
          for (auto &[p, eff] : spawns_[j].closes)
            add(p,
                eff == FunctionSummary::Effect::AlwaysCloses ? Certainty::Definitely : Certainty::Maybe,
                spawns_[j].closeLocs.at(p), spawns_[j].at);
    }
  }
};

} // namespace

const FunctionSummary *ChannelAnalysis::Impl::summaryOf(const FunctionDecl *fd) {
  if (auto it = summaries.find(fd); it != summaries.end())
    return &it->second;
  if (inProgress.count(fd) || !isAnalysable(fd))
    return nullptr; // recursion, or a body we do not analyse: no effects known
  inProgress.insert(fd);
  FunctionSummary sum;
  run(fd, /*recordFacts=*/false, nullptr, &sum);
  inProgress.erase(fd);
  return &(summaries[fd] = std::move(sum));
}

void ChannelAnalysis::Impl::run(const FunctionDecl *fd, bool record, const GoroutineContext *gctx,
                                FunctionSummary *summaryOut) {
  FunctionRun r(*this, fd, gctx);
  if (!r.build())
    return;
  r.solve();
  if (summaryOut)
    *summaryOut = r.summarize();
  if (record) {
    r.recordFacts();
    r.publishGoroutineContexts();
  }
}

ChannelAnalysis::ChannelAnalysis(ASTContext &ctx, TranslationUnitFacts &facts)
    : impl_(std::make_unique<Impl>(ctx, facts)) {}
ChannelAnalysis::~ChannelAnalysis() = default;

void ChannelAnalysis::analyzeForFacts(const FunctionDecl *fd) {
  if (!impl_->isAnalysable(fd) || !impl_->factsDone.insert(fd).second)
    return;
  auto gc = impl_->goroutineContexts.find(fd);
  const GoroutineContext *gctx = gc == impl_->goroutineContexts.end() ? nullptr : &gc->second;
  bool needSummary = !gctx && !impl_->summaries.count(fd) && !impl_->inProgress.count(fd);
  FunctionSummary sum;
  impl_->run(fd, /*recordFacts=*/true, gctx, needSummary ? &sum : nullptr);
  if (needSummary)
    impl_->summaries[fd] = std::move(sum);
}

} // namespace chcheck
