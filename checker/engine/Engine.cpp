#include "chcheck/Engine.h"

#include "ChannelAnalysis.h"
#include "Rule.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
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
  default: return std::string(opKindName(op)) + " on";
  }
}

std::string describeClose(const ChannelOpFact &f) {
  return !f.callee.empty() ? "call to '" + f.callee + "' closes channel '" + f.subject + "'"
                           : "close of channel '" + f.subject + "'";
}

SourcePoint FindingBuilder::point(SourceLocation loc) const {
  const SourceManager &sm = facts_.ctx->getSourceManager();
  SourceLocation fileLoc = sm.getFileLoc(loc);
  PresumedLoc p = sm.getPresumedLoc(fileLoc);
  if (p.isInvalid())
    return {};
  llvm::SmallString<256> path(p.getFilename());
  llvm::sys::fs::make_absolute(path);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return {std::string(path), p.getLine(), p.getColumn()};
}

Finding &FindingBuilder::report(const char *ruleId, Severity severity, const ChannelOpFact &fact,
                                std::string message) {
  Finding f;
  f.ruleId = ruleId;
  f.severity = severity;
  f.loc = point(fact.loc);
  f.message = std::move(message);
  f.subject = fact.subject;
  if (fact.function)
    f.function = fact.function->getQualifiedNameAsString();
  out_.push_back(std::move(f));
  return out_.back();
}

void FindingBuilder::addStep(Finding &f, SourceLocation loc, std::string message) {
  if (loc.isValid())
    f.path.push_back({point(loc), std::move(message)});
}

void FindingBuilder::addHistory(Finding &f, const ChannelOpFact &fact, bool nil, bool closed,
                                bool otherGoroutine) {
  const ChannelStateFact &s = fact.before;
  const std::string ch = "channel '" + fact.subject + "'";
  if (!nil)
    addStep(f, s.madeAt, ch + " is made here");
  if (nil)
    addStep(f, s.nilAt, ch + " is nil from here");
  if (closed)
    addStep(f, s.closedAt, ch + " is closed here");
  if (otherGoroutine) {
    addStep(f, s.otherGoroutineSpawnAt, "a goroutine is started here");
    addStep(f, s.otherGoroutineCloseAt, ch + " is closed here, by another goroutine");
  }
  if (!fact.callee.empty())
    addStep(f, fact.calleeOpLoc,
            "inside '" + fact.callee + "', " +
                (fact.op == OpKind::Close ? "the close" : "the send") + " is here");
}

namespace {

// Every function body in the translation unit, enclosing functions before
// the lambdas they contain (a goroutine lambda needs its parent's facts).
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  std::vector<const FunctionDecl *> functions;
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }
  // System headers hold no user code: their bodies are never analysed.
  bool TraverseDecl(Decl *d) {
    if (d && !isa<TranslationUnitDecl>(d) &&
        d->getASTContext().getSourceManager().isInSystemHeader(d->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(d);
  }
  bool VisitFunctionDecl(FunctionDecl *fd) {
    if (fd->doesThisDeclarationHaveABody())
      functions.push_back(fd);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *le) {
    functions.push_back(le->getCallOperator());
    return true;
  }
};

} // namespace

std::vector<std::string> implementedRuleIds() {
  std::vector<std::string> ids;
  for (const Rule *r : allRules())
    ids.push_back(r->id());
  return ids;
}

std::vector<Finding> analyzeTranslationUnit(ASTContext &ctx, const std::set<std::string> &enabledRuleIds) {
  TranslationUnitFacts facts;
  facts.ctx = &ctx;
  {
    ChannelAnalysis analysis(ctx, facts);
    FunctionCollector collector;
    collector.TraverseDecl(ctx.getTranslationUnitDecl());
    for (const FunctionDecl *fd : collector.functions)
      analysis.analyzeForFacts(fd);
  }

  const SourceManager &sm = ctx.getSourceManager();
  facts.ops.erase(std::remove_if(facts.ops.begin(), facts.ops.end(),
                                 [&](const ChannelOpFact &f) { return sm.isInSystemHeader(f.loc); }),
                  facts.ops.end());

  std::vector<Finding> findings;
  FindingBuilder builder(facts, findings);
  for (const Rule *r : allRules())
    if (enabledRuleIds.count(r->id()))
      r->check(facts, builder);

  auto key = [](const Finding &f) {
    return std::tie(f.loc.file, f.loc.line, f.loc.column, f.ruleId, f.message);
  };
  std::sort(findings.begin(), findings.end(),
            [&](const Finding &a, const Finding &b) { return key(a) < key(b); });
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [&](const Finding &a, const Finding &b) { return key(a) == key(b); }),
                 findings.end());
  return findings;
}

} // namespace chcheck
