// Phase 1 of a whole-project run: the summary of a function other
// translation units call (chcheck/Summaries.h), read off its run as the
// analysed function.  A summary must never make a caller report more than
// running the body would: operations are left out when unsure (a send after
// the function's own close, on a channel it may have replaced, behind a
// branch on data it wrote), and every place it may overwrite is listed, or
// there is no summary at all (an unknown callee keeps callers silent).
#include "Export.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <map>

using namespace clang;

namespace chcheck::lifecycle {

using ir::KindSet;
using ir::RootKind;
using ir::StepKind;

namespace {
// What a summary cannot say: other goroutines, WaitGroups, conditions,
// contexts, and code nobody can see.  (Locks are allowed unless it closes:
// a close under a lock can end a goroutine's guarded sends, Guards.cpp.)
constexpr KindSet kUnsummarised =
    (ir::kSyncKinds & ~ir::kChannelKinds & ~ir::bit(ir::EventKind::Lock) & ~ir::bit(ir::EventKind::Unlock) &
     ~ir::bit(ir::EventKind::TryLock) & ~ir::bit(ir::EventKind::LockAll)) |
    ir::bit(ir::EventKind::MakeContext) | ir::bit(ir::EventKind::Cancel) | ir::kUnseenCode;
constexpr KindSet kLockKinds = ir::bit(ir::EventKind::Lock) | ir::bit(ir::EventKind::Unlock) |
                               ir::bit(ir::EventKind::TryLock) | ir::bit(ir::EventKind::LockAll);
} // namespace

bool exportable(const FunctionDecl *fd, KindSet reach, const SourceManager &sm) {
  if (const auto *m = dyn_cast<CXXMethodDecl>(fd); m && m->getParent()->isLambda())
    return false;
  return fd->isExternallyVisible() && !fd->isMain() && !fd->isInlined() && !fd->isTemplateInstantiation() &&
         !fd->isDependentContext() && sm.isInMainFile(sm.getExpansionLoc(fd->getLocation())) &&
         !(reach & kUnsummarised);
}

SummaryRecorder::SummaryRecorder(Interpreter &interp, const ir::Skeleton &sk, KindSet reach)
    : I(interp), sk_(sk), reach_(reach) {}

bool SummaryRecorder::own(PlaceId concrete) const {
  const ir::Place &p = I.places().get(concrete);
  return (p.root.kind == RootKind::Param || p.root.kind == RootKind::This) && p.root.key == sk_.function;
}

std::optional<SummaryPath> SummaryRecorder::path(PlaceId concrete) const {
  if (!own(concrete))
    return std::nullopt;
  const ir::Place &p = I.places().get(concrete);
  SummaryPath out;
  out.root = p.root.kind == RootKind::This ? SummaryPath::kThis : static_cast<int>(p.root.index);
  for (const ir::Step &s : p.steps) {
    if (s.kind == StepKind::Deref)
      out.steps.push_back("*");
    else if (s.kind == StepKind::Field && !s.field->getName().empty())
      out.steps.push_back(s.field->getName().str());
    else
      return std::nullopt;
  }
  return out;
}

void SummaryRecorder::observe(const OpObservation &o, const State &s) {
  bool lone = o.op == OpKind::SelectSend && o.onlyCaseBesidesDefault;
  if (o.op != OpKind::Send && o.op != OpKind::Close && !lone)
    return;
  RefValue h = I.valueAt(s, *o.frame, o.channel);
  if (h.maybeNull || h.targets.size() != 1)
    return;
  ObjId channel = h.targets[0];
  const Object &obj = I.objects().get(channel);
  if (obj.kind != Object::Kind::Entry || !own(obj.place))
    return;
  // Closed (maybe) by the function itself: its own bug, reported in its file.
  ChanState cs = I.chanState(s, channel);
  if (cs.bits != kOpen || cs.closedByOther != Certainty::No)
    return;
  Seen seen{o.op == OpKind::Close, channel, o.selectCase ? o.selectCase->loc : o.event->loc, {}};
  for (auto &[place, value] : s.flags) {
    const ir::Place &p = I.places().get(place);
    if (p.root.kind == RootKind::Global)
      return; // behind a global flag: not something a caller's state tells
    if (own(place))
      seen.guards.emplace_back(place, value == Flag::True);
  }
  seen_.push_back(std::move(seen));
}

std::optional<FunctionSummary> SummaryRecorder::finish(const Disjunction &exits,
                                                       const std::set<PlaceId> &writes,
                                                       const SourceManager &sm) {
  if (I.budgetExceeded() || exits.empty())
    return std::nullopt;
  FunctionSummary out;
  out.usr = ir::usrOf(sk_.function->getCanonicalDecl());
  out.name = sk_.function->getQualifiedNameAsString();
  out.params = sk_.function->getNumParams();
  if (out.usr.empty())
    return std::nullopt;
  for (PlaceId w : writes) {
    RootKind root = I.places().get(w).root.kind;
    if (root == RootKind::Global || root == RootKind::Capture)
      return std::nullopt; // a caller's global: no summary says which
    if (!own(w))
      continue; // its locals, temporaries and allocations
    std::optional<SummaryPath> p = path(w);
    if (!p)
      return std::nullopt;
    out.writes.push_back(*p);
  }
  std::sort(out.writes.begin(), out.writes.end());
  out.writes.erase(std::unique(out.writes.begin(), out.writes.end()), out.writes.end());

  auto toOp = [&](const Seen &s) -> std::optional<SummaryOp> {
    SummaryOp op;
    op.close = s.close;
    op.channel = *path(I.objects().get(s.channel).place);
    op.at = locatePoint(s.at, sm);
    for (auto &[flag, value] : s.guards) {
      if (writes.count(flag))
        return std::nullopt; // its own flag, not the caller's
      op.guards.push_back({*path(flag), value});
    }
    std::sort(op.guards.begin(), op.guards.end());
    return op;
  };
  // One close per channel: two closes in sequence would be a double close.
  std::map<ObjId, std::optional<SummaryOp>> closes;
  for (const Seen &s : seen_) {
    std::optional<SummaryOp> op = toOp(s);
    if (!s.close) {
      if (op)
        out.ops.push_back(std::move(*op));
      continue;
    }
    auto [it, first] = closes.try_emplace(s.channel, op);
    if (!first && (!op || !it->second || op->guards != it->second->guards))
      it->second.reset(); // closes behind different conditions: left out
  }
  for (auto &[channel, op] : closes) {
    if (!op)
      continue;
    op->definite = std::all_of(exits.begin(), exits.end(), [&](const State &x) {
      ChanState cs = I.chanState(x, channel);
      return cs.bits == kClosed && !cs.closedSeenByWait;
    });
    if (reach_ & kLockKinds)
      return std::nullopt; // a close under a lock: see kUnsummarised
    out.ops.push_back(std::move(*op));
  }
  std::sort(out.ops.begin(), out.ops.end());
  out.ops.erase(std::unique(out.ops.begin(), out.ops.end()), out.ops.end());
  return out;
}

} // namespace chcheck::lifecycle
