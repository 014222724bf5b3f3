#include "Skeletons.h"

#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace chcheck::ir {

Skeletons::Skeletons(ASTContext &ctx) : ctx_(ctx), models_(allModels()), types_(ctx, models_) {}
Skeletons::~Skeletons() = default;

bool Skeletons::analysable(const FunctionDecl *fd) const {
  return fd && fd->hasBody() && fd->doesThisDeclarationHaveABody() && !fd->isDependentContext() &&
         !fd->isInvalidDecl() && !models_.inModelledLibrary(fd) &&
         !ctx_.getSourceManager().isInSystemHeader(fd->getLocation());
}

const Skeleton *Skeletons::get(const FunctionDecl *fd) {
  if (!fd)
    return nullptr;
  if (const FunctionDecl *def = fd->getDefinition())
    fd = def;
  if (auto it = skeletons_.find(fd); it != skeletons_.end())
    return it->second.get();
  if (!analysable(fd) || building_.count(fd))
    return nullptr;
  building_[fd] = true;
  auto sk = std::make_unique<Skeleton>();
  FunctionLowering lowering(*this, fd, *sk);
  bool ok = lowering.run();
  building_.erase(fd);
  if (!ok)
    sk.reset();
  return (skeletons_[fd] = std::move(sk)).get();
}

bool Skeletons::relevant(const FunctionDecl *fd) {
  if (const FunctionDecl *def = fd ? fd->getDefinition() : nullptr)
    fd = def;
  if (building_.count(fd))
    return true; // recursion: assume it matters
  const Skeleton *sk = get(fd);
  return sk && sk->hasEvents;
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

std::vector<const clang::FunctionDecl *> functionsWithBodies(clang::ASTContext &ctx) {
  FunctionCollector collector;
  collector.TraverseDecl(ctx.getTranslationUnitDecl());
  return std::move(collector.functions);
}

} // namespace chcheck::ir
