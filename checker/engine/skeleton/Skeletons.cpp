#include "Skeletons.h"

#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
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

} // namespace chcheck::ir
