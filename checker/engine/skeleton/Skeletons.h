// The skeletons of a translation unit: built on demand, once per function,
// and shared by every analysis (the "skeleton" analysis other analyses
// require).
#pragma once

#include "Skeleton.h"
#include "TypeFacts.h"
#include "../models/Model.h"

#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace chcheck::ir {

class Skeletons {
public:
  explicit Skeletons(clang::ASTContext &ctx);
  ~Skeletons();

  // The skeleton of `fd` (its definition), or null when it has no body we
  // analyse (no definition here, a system header, the modelled library).
  const Skeleton *get(const clang::FunctionDecl *fd);
  // Whether calls to `fd` matter: it has a skeleton with events, or is being
  // built (a recursive call).
  bool relevant(const clang::FunctionDecl *fd);
  bool analysable(const clang::FunctionDecl *fd) const;

  PlaceTable &places() { return places_; }
  ModelIndex &models() { return models_; }
  TypeFacts &types() { return types_; }
  clang::ASTContext &context() { return ctx_; }
  std::size_t built() const { return skeletons_.size(); }

private:
  clang::ASTContext &ctx_;
  ModelIndex models_;
  TypeFacts types_;
  PlaceTable places_;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Skeleton>> skeletons_;
  llvm::DenseMap<const clang::FunctionDecl *, bool> building_;
};

// Every function body of the translation unit outside system headers,
// enclosing functions before the lambdas they contain.
std::vector<const clang::FunctionDecl *> functionsWithBodies(clang::ASTContext &ctx);

} // namespace chcheck::ir
