#include "chcheck/Engine.h"

#include "Rule.h"
#include "concurrency/Explorer.h"
#include "lifecycle/Lifecycle.h"
#include "locks/Export.h"
#include "locks/LockOrder.h"
#include "rules/LockOrderAcrossFiles.h"
#include "skeleton/Skeletons.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>
#include <tuple>

using namespace clang;

namespace chcheck {

const char *severityName(Severity s) {
  switch (s) {
  case Severity::Note: return "note";
  case Severity::Warning: return "warning";
  case Severity::Error: return "error";
  }
  return "warning";
}

std::string describeOp(OpKind op) {
  switch (op) {
  case OpKind::Send: return "send on";
  case OpKind::Recv: return "recv() on";
  case OpKind::RecvOk: return "recv_ok() on";
  case OpKind::Range: return "range over";
  case OpKind::Close: return "close of";
  case OpKind::SelectSend: return "select send case on";
  case OpKind::SelectRecv: return "select receive case on";
  case OpKind::Make: return "construction of";
  }
  llvm_unreachable("every OpKind is described above");
}

std::string describeClose(const ChannelOpFact &f) {
  return !f.callee.empty() ? "call to '" + f.callee + "' closes channel '" + f.subject + "'"
                           : "close of channel '" + f.subject + "'";
}

SourcePoint locatePoint(SourceLocation loc, const SourceManager &sm) {
  if (loc.isInvalid())
    return {};
  PresumedLoc p = sm.getPresumedLoc(sm.getFileLoc(loc));
  if (p.isInvalid())
    return {};
  llvm::SmallString<256> path(p.getFilename());
  llvm::sys::fs::make_absolute(path);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return {std::string(path), p.getLine(), p.getColumn()};
}

Finding locate(const LocatedFinding &f, const SourceManager &sm) {
  Finding out{f.ruleId, f.severity, locatePoint(f.loc, sm), f.message, f.subject, f.function, {}, {}, {}};
  auto steps = [&](const std::vector<LocatedStep> &from) {
    std::vector<PathStep> to;
    for (const LocatedStep &s : from)
      to.push_back({locatePoint(s.loc, sm), s.message, s.nesting});
    return to;
  };
  out.path = steps(f.path);
  for (const LocatedThread &t : f.threads)
    out.threads.push_back({t.name, steps(t.steps)});
  for (const LocatedWaitEdge &w : f.waits)
    out.waits.push_back({w.from, w.to, locatePoint(w.at, sm), w.label});
  return out;
}

LocatedFinding &FindingBuilder::report(const char *ruleId, Severity severity,
                                       const ChannelOpFact &fact, std::string message) {
  LocatedFinding f;
  f.ruleId = ruleId;
  f.severity = severity;
  f.loc = fact.loc;
  f.message = std::move(message);
  f.subject = fact.subject;
  if (fact.function)
    f.function = fact.function->getQualifiedNameAsString();
  out_.push_back(std::move(f));
  return out_.back();
}

void FindingBuilder::addStep(LocatedFinding &f, SourceLocation loc, std::string message,
                             unsigned nesting) {
  if (loc.isValid())
    f.path.push_back({loc, std::move(message), nesting});
}

LocatedFinding &FindingBuilder::report(const char *ruleId, const BlockingFact &fact, std::string message) {
  LocatedFinding f;
  f.ruleId = ruleId;
  f.severity = fact.everyExecution ? Severity::Error : Severity::Warning;
  f.loc = fact.loc;
  f.message = std::move(message);
  f.subject = fact.subject;
  if (fact.function)
    f.function = fact.function->getQualifiedNameAsString();
  for (const WitnessThread &t : fact.threads) {
    LocatedThread lt{t.name, {}};
    for (const WitnessStep &s : t.steps)
      lt.steps.push_back({s.loc, t.name + " " + s.what, 0});
    f.threads.push_back(std::move(lt));
  }
  // The notes: the interleaving, without the finding's own last step.
  for (std::size_t i = 0; i < fact.interleaving.size(); ++i) {
    const WitnessStep &s = fact.interleaving[i];
    bool last = i + 1 == fact.interleaving.size() && s.loc == fact.loc;
    if (!last && s.loc.isValid())
      f.path.push_back({s.loc, fact.threads[s.thread].name + " " + s.what, 0});
  }
  for (const WaitFor &w : fact.waits)
    f.waits.push_back({w.from, w.to, w.at, w.label});
  out_.push_back(std::move(f));
  return out_.back();
}

LocatedFinding &FindingBuilder::report(const char *ruleId, Severity severity, SourceLocation loc,
                                       std::string subject, const FunctionDecl *function, std::string message) {
  LocatedFinding f;
  f.ruleId = ruleId;
  f.severity = severity;
  f.loc = loc;
  f.message = std::move(message);
  f.subject = std::move(subject);
  if (function)
    f.function = function->getQualifiedNameAsString();
  out_.push_back(std::move(f));
  return out_.back();
}

void FindingBuilder::addHistory(LocatedFinding &f, const ChannelOpFact &fact, bool nil,
                                bool closed, bool otherGoroutine) {
  const ChannelStateFact &s = fact.before;
  const std::string ch = "channel '" + fact.subject + "'";
  if (!nil)
    addStep(f, s.madeAt, ch + " is made here");
  if (nil)
    addStep(f, s.nilAt, ch + " is nil from here");
  if (closed) {
    addStep(f, s.closedAt, ch + " is closed here");
    addStep(f, s.closedInside, "inside that call, the close is here", 1);
  }
  if (otherGoroutine) {
    addStep(f, s.otherGoroutineSpawnAt, "a goroutine is started here");
    addStep(f, s.otherGoroutineCloseAt, ch + " is closed here, by another goroutine");
  }
  if (!fact.callee.empty())
    addStep(f, fact.calleeOpLoc,
            "inside '" + fact.callee + "', " +
                (fact.op == OpKind::Close ? "the close" : "the send") + " is here",
            1);
}

std::vector<std::string> implementedRuleIds() {
  std::vector<std::string> ids;
  for (const Rule *r : allRules())
    ids.push_back(r->id());
  return ids;
}

std::vector<Finding> checkProject(const std::vector<const TranslationUnitSummaries *> &units,
                                  const EngineOptions &options) {
  if (!options.enabledRules.count("CH204"))
    return {};
  return lockOrderAcrossFiles(units);
}

std::vector<LocatedFinding> analyzeTranslationUnit(ASTContext &ctx, const EngineOptions &options,
                                                   EngineStats *stats, const CrossUnitFacts &crossUnit) {
  unsigned needed = 0;
  for (const Rule *r : allRules())
    if (options.enabledRules.count(r->id()))
      needed |= r->needs();
  const SourceManager &sm = ctx.getSourceManager();

  ir::Skeletons skeletons(ctx);
  skeletons.useSummaries(crossUnit.imports);
  std::vector<const FunctionDecl *> functions;
  if (needed)
    functions = ir::functionsWithBodies(ctx);
  AnalysisFacts facts;
  TranslationUnitFacts lifecycleFacts;
  lifecycleFacts.ctx = &ctx;
  if (needed & kLifecycle) {
    lifecycle::computeFacts(skeletons, functions, lifecycleFacts,
                            crossUnit.exports ? &crossUnit.exports->functions : nullptr);
    lifecycleFacts.ops.erase(std::remove_if(lifecycleFacts.ops.begin(), lifecycleFacts.ops.end(),
                                            [&](const ChannelOpFact &f) { return sm.isInSystemHeader(f.loc); }),
                             lifecycleFacts.ops.end());
    facts.lifecycle = &lifecycleFacts;
  }
  std::vector<BlockingFact> blocking;
  ExplorerStats explorerStats;
  if (needed & kConcurrency) {
    concurrency::explore(skeletons, functions, options.stateBudget, blocking, explorerStats);
    facts.blocking = &blocking;
  }
  LockOrderFacts lockOrder;
  if (needed & kLockOrder) {
    locks::computeFacts(skeletons, functions, lockOrder);
    facts.lockOrder = &lockOrder;
    if (crossUnit.exports)
      locks::exportEdges(lockOrder, crossUnit.exports->lockEdges);
  }
  if (crossUnit.exports) {
    std::set<std::string> unseen;
    for (const FunctionDecl *fd : skeletons.unseen())
      if (std::string usr = ir::usrOf(fd); !usr.empty())
        unseen.insert(usr);
    crossUnit.exports->unseenCallees.assign(unseen.begin(), unseen.end());
  }
  if (stats) {
    stats->functions += skeletons.built();
    stats->regions += explorerStats.regions;
    stats->states += explorerStats.states;
    stats->budgetHits += explorerStats.budgetHits;
  }

  std::vector<LocatedFinding> findings;
  FindingBuilder builder(findings);
  for (const Rule *r : allRules())
    if (options.enabledRules.count(r->id()))
      r->check(facts, builder);

  std::vector<std::pair<SourcePoint, LocatedFinding>> keyed;
  for (LocatedFinding &f : findings)
    keyed.emplace_back(locatePoint(f.loc, sm), std::move(f));
  auto key = [](const std::pair<SourcePoint, LocatedFinding> &k) {
    return std::tie(k.first, k.second.ruleId, k.second.message);
  };
  std::stable_sort(keyed.begin(), keyed.end(),
                   [&](const auto &a, const auto &b) { return key(a) < key(b); });
  // One finding per rule and place: the most severe (two analyses, or two
  // contexts of one function, may see the same operation).
  std::vector<std::pair<SourcePoint, LocatedFinding>> kept;
  for (auto &k : keyed) {
    if (!kept.empty() && kept.back().first == k.first && kept.back().second.ruleId == k.second.ruleId) {
      if (k.second.severity > kept.back().second.severity)
        kept.back() = std::move(k);
      continue;
    }
    kept.push_back(std::move(k));
  }
  keyed = std::move(kept);
  findings.clear();
  for (auto &k : keyed)
    findings.push_back(std::move(k.second));
  return findings;
}

} // namespace chcheck
