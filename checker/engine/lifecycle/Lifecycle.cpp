#include "Lifecycle.h"
#include "../skeleton/Reach.h"

#include "Export.h"
#include "Interpreter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <map>

using namespace clang;

namespace chcheck::lifecycle {
namespace {

void joinLoc(SourceLocation &into, SourceLocation other) {
  if (other.isValid() && (into.isInvalid() || other.getRawEncoding() < into.getRawEncoding()))
    into = other;
}

Certainty joinCertainty(Certainty a, Certainty b) { return a == b ? a : Certainty::Maybe; }

// The channel as a user names it: a place in the analysed function's terms.
std::string describe(const ir::PlaceTable &places, PlaceId id) {
  const ir::Place &p = places.get(id);
  std::string out;
  switch (p.root.kind) {
  case ir::RootKind::Param: {
    const auto *fd = static_cast<const FunctionDecl *>(p.root.key);
    out = p.root.index < fd->getNumParams() ? fd->getParamDecl(p.root.index)->getNameAsString() : "";
    break;
  }
  case ir::RootKind::Local:
  case ir::RootKind::Global:
    out = static_cast<const NamedDecl *>(p.root.key)->getNameAsString();
    break;
  case ir::RootKind::Capture: {
    const auto *m = dyn_cast<CXXMethodDecl>(static_cast<const FunctionDecl *>(p.root.key));
    if (m && m->getParent()->isLambda()) {
      unsigned i = 0;
      for (const LambdaCapture &c : m->getParent()->captures())
        if (i++ == p.root.index && c.capturesVariable())
          out = c.getCapturedVar()->getNameAsString();
    }
    break;
  }
  default:
    break;
  }
  bool arrow = false;
  for (const ir::Step &s : p.steps) {
    switch (s.kind) {
    case ir::StepKind::Field:
      if (!out.empty())
        out += arrow ? "->" : ".";
      out += s.field->getNameAsString();
      arrow = false;
      break;
    case ir::StepKind::Deref:
      arrow = true;
      break;
    case ir::StepKind::Element:
      out += "[]";
      arrow = false;
      break;
    default:
      break;
    }
  }
  if (arrow)
    out = "*" + out;
  return out.empty() ? "<channel>" : out;
}

std::string sourceText(const Expr *e, ASTContext &ctx) {
  if (!e)
    return {};
  e = e->IgnoreParenImpCasts();
  const SourceManager &sm = ctx.getSourceManager();
  if (e->getSourceRange().isInvalid() || e->getBeginLoc().isMacroID() || e->getEndLoc().isMacroID() ||
      isa<CXXThisExpr>(e))
    return {};
  StringRef text = Lexer::getSourceText(CharSourceRange::getTokenRange(e->getSourceRange()), sm,
                                        ctx.getLangOpts());
  if (text.empty() || text.size() >= 80 || text.contains('\n') || text.starts_with("__"))
    return {};
  return text.str();
}

// The analysed function performs the operation itself (or its goroutine
// does), not a function it calls: a fact is located at the operation.
bool inPlace(const Frame &f) { return f.depth == 0 || f.goroutine; }

class Recording {
public:
  Recording(Interpreter &interp, ASTContext &ctx) : I(interp), ctx_(ctx) {}

  void observe(const OpObservation &o, const State &s) {
    const Frame &f = *o.frame;
    const bool direct = inPlace(f);
    if (!direct && o.op != OpKind::Send && o.op != OpKind::Close && !o.onlyCaseBesidesDefault)
      return;
    ChannelOpFact fact;
    // A lone send case beside a default sends whenever the channel is closed.
    fact.op = !direct && o.onlyCaseBesidesDefault ? OpKind::Send : o.op;
    SourceLocation opLoc = o.selectCase ? o.selectCase->loc : o.event->loc;
    fact.loc = direct ? opLoc : f.callSite;
    const Frame *owner = &f;
    while (!inPlace(*owner) && owner->parent)
      owner = owner->parent;
    fact.function = owner->sk->function;
    if (!direct) {
      fact.callee = f.callee ? f.callee->getNameAsString() : std::string();
      fact.calleeOpLoc = opLoc;
    }
    const Expr *written = o.selectCase ? o.selectCase->operand : o.event->operand;
    fact.subject = direct ? sourceText(written, ctx_) : std::string();
    if (fact.subject.empty())
      fact.subject = describe(I.places(), I.origin(f, o.channel));
    fact.before = stateFact(s, f, o.channel);
    if (!direct) {
      // A bug of the callee's own (it closes, then sends) is reported in
      // the callee; here only what the caller's state causes.
      bool closedHere = fact.before.closed != Certainty::No && fact.before.closedAt == f.callSite;
      bool nilHere = fact.before.nil != Certainty::No && fact.before.nilAt == f.callSite;
      if (closedHere || nilHere)
        return;
    }
    if (o.op == OpKind::Recv)
      fact.value = {o.event->recvUse.used, o.event->recvUse.checked, o.event->recvUse.inUnboundedLoop};
    fact.onlyCaseBesidesDefault = o.onlyCaseBesidesDefault;
    fact.library = o.event->library;
    fact.statusIgnored = fact.library && (o.op == OpKind::Send || o.op == OpKind::SelectSend) && !o.event->recvUse.used;
    fact.requestedCapacity = o.event->requestedCapacity;
    auto key = std::make_tuple(static_cast<const void *>(o.selectCase ? static_cast<const void *>(o.selectCase)
                                                                       : static_cast<const void *>(o.event)),
                               fact.loc.getRawEncoding(), fact.function);
    auto [it, inserted] = facts_.try_emplace(key, fact);
    if (!inserted)
      join(it->second.before, fact.before);
  }

  void flush(TranslationUnitFacts &out) {
    for (auto &[k, f] : facts_)
      out.ops.push_back(std::move(f));
    facts_.clear();
  }

private:
  ChannelStateFact stateFact(const State &s, const Frame &f, PlaceId channel) {
    ChannelStateFact fact;
    RefValue h = I.valueAt(s, f, channel);
    fact.nil = h.definitelyNull() ? Certainty::Definitely : h.maybeNull ? Certainty::Maybe : Certainty::No;
    fact.nilAt = h.nullAt;
    bool allClosed = !h.targets.empty(), anyForward = false, anyPrev = false;
    bool mayHold = h.targets.empty();
    for (ObjId o : h.targets) {
      ChanState cs = I.chanState(s, o);
      if (cs.bits & kOpen)
        allClosed = false;
      anyForward |= (cs.bits & kClosed) != 0;
      anyPrev |= (cs.bits & kClosedPrevIter) != 0;
      joinLoc(fact.closedAt, cs.closedAt);
      if (fact.closedAt == cs.closedAt && cs.closedInside != cs.closedAt)
        fact.closedInside = cs.closedInside;
      fact.closedByOtherGoroutine = std::max(fact.closedByOtherGoroutine, cs.closedByOther);
      fact.otherGoroutineStartedOnThisPath |= cs.otherStartedOnThisPath;
      joinLoc(fact.otherGoroutineCloseAt, cs.otherCloseAt);
      joinLoc(fact.otherGoroutineSpawnAt, cs.otherSpawnAt);
      mayHold |= cs.mayHoldValues;
      for (auto &[spawn, sender] : cs.pendingSenders) {
        // Started and closed in the same call: reported in the callee.
        if (sender.waitedInLoop || (!inPlace(f) && sender.startedHere == f.callSite))
          continue;
        fact.otherGoroutineMaySend = true;
        joinLoc(fact.pendingSenderSpawnAt, SourceLocation::getFromRawEncoding(spawn));
        joinLoc(fact.pendingSendAt, sender.sendAt);
        break;
      }
      if (const ChanInfo *info = I.chanInfo(o)) {
        joinLoc(fact.madeAt, info->madeAt);
        if (info->capacity)
          fact.capacity = fact.capacity ? std::max(*fact.capacity, *info->capacity) : *info->capacity;
      }
    }
    fact.mayHoldValues = mayHold;
    if (allClosed && !h.maybeNull)
      fact.closed = Certainty::Definitely;
    else if (anyForward || anyPrev)
      fact.closed = Certainty::Maybe;
    fact.closedOnlyInEarlierIteration = fact.closed == Certainty::Maybe && !anyForward;
    // A container's elements are one summary place: only what holds for all
    // of them is reported.
    for (PlaceId c : I.concretize(s, f, channel))
      for (const ir::Step &st : I.places().get(c).steps)
        if (st.kind == ir::StepKind::Element) {
          if (fact.nil == Certainty::Maybe)
            fact.nil = Certainty::No;
          if (fact.closed == Certainty::Maybe)
            fact.closed = Certainty::No;
        }
    return fact;
  }

  static void join(ChannelStateFact &into, const ChannelStateFact &o) {
    into.nil = joinCertainty(into.nil, o.nil);
    into.closed = joinCertainty(into.closed, o.closed);
    into.closedOnlyInEarlierIteration = into.closedOnlyInEarlierIteration && o.closedOnlyInEarlierIteration;
    if (into.closedByOtherGoroutine != o.closedByOtherGoroutine)
      into.closedByOtherGoroutine = std::max(into.closedByOtherGoroutine, o.closedByOtherGoroutine) ==
                                            Certainty::No
                                        ? Certainty::No
                                        : Certainty::Maybe;
    into.otherGoroutineStartedOnThisPath &= o.otherGoroutineStartedOnThisPath;
    into.mayHoldValues |= o.mayHoldValues;
    joinLoc(into.madeAt, o.madeAt);
    joinLoc(into.nilAt, o.nilAt);
    joinLoc(into.closedAt, o.closedAt);
    if (into.closedAt == o.closedAt && o.closedInside.isValid())
      into.closedInside = o.closedInside;
    joinLoc(into.otherGoroutineCloseAt, o.otherGoroutineCloseAt);
    joinLoc(into.otherGoroutineSpawnAt, o.otherGoroutineSpawnAt);
    if (o.capacity)
      into.capacity = into.capacity ? std::max(*into.capacity, *o.capacity) : *o.capacity;
  }

  Interpreter &I;
  ASTContext &ctx_;
  std::map<std::tuple<const void *, unsigned, const FunctionDecl *>, ChannelOpFact> facts_;
};

} // namespace

void computeFacts(ir::Skeletons &skeletons, llvm::ArrayRef<const FunctionDecl *> functions,
                  TranslationUnitFacts &out, std::vector<FunctionSummary> *exports) {
  const SourceManager &sm = skeletons.context().getSourceManager();
  ir::Reach reach(skeletons);
  for (const FunctionDecl *fd : functions) {
    const ir::Skeleton *sk = skeletons.get(fd);
    // Facts are observations of channel operations: a function that cannot
    // reach one has none.
    if (!sk || !sk->hasEvents || !(reach.of(fd) & ir::kChannelKinds))
      continue;
    // One interpreter per analysed function: its objects and closures are
    // that function's view.
    ObjectTable objects;
    Interpreter interp(skeletons, objects);
    Recording recording(interp, skeletons.context());
    Frame root;
    root.sk = sk;
    State entry;
    entry.reachable = true;
    ir::KindSet kinds = reach.of(fd);
    std::optional<SummaryRecorder> summary;
    std::set<PlaceId> writes;
    if (exports && exportable(fd, kinds, sm)) {
      summary.emplace(interp, *sk, kinds);
      interp.trackWrites(&writes);
    }
    Disjunction exits = interp.record(root, {entry}, [&](const OpObservation &o, const State &s) {
      recording.observe(o, s);
      if (summary)
        summary->observe(o, s);
    });
    recording.flush(out);
    if (summary)
      if (std::optional<FunctionSummary> f = summary->finish(exits, writes, sm))
        exports->push_back(std::move(*f));
  }
}

} // namespace chcheck::lifecycle
