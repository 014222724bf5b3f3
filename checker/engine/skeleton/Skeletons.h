// The skeletons of a translation unit: built on demand, once per function,
// and shared by every analysis (the "skeleton" analysis other analyses
// require).
#pragma once

#include "Skeleton.h"
#include "TypeFacts.h"
#include "../models/Model.h"

#include "chcheck/Summaries.h"

#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <set>
#include <string>
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

  // Other translation units' summaries (phase 2 of a whole-project run).
  void useSummaries(const SummaryIndex *index) { summaries_ = index; }
  // The summary of `fd`, defined elsewhere and called here, if one was given.
  const FunctionSummary *summaryOf(const clang::FunctionDecl *fd);
  // A skeleton that does what the summary of `fd` says, on its parameters
  // (Summarised.cpp), or null.
  const Skeleton *summarised(const clang::FunctionDecl *fd);
  // Functions called here that have no body here (phase 1 exports their
  // USRs: phase 2 runs only where one of them has a summary).
  void noteUnseen(const clang::FunctionDecl *fd);
  const std::set<const clang::FunctionDecl *> &unseen() const { return unseen_; }

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
  const SummaryIndex *summaries_ = nullptr;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Skeleton>> summarised_;
  std::set<const clang::FunctionDecl *> unseen_;
};

// The USR of a declaration (clang::index::generateUSRForDecl), empty if none.
std::string usrOf(const clang::Decl *d);

// Every function body of the translation unit outside system headers,
// enclosing functions before the lambdas they contain.
std::vector<const clang::FunctionDecl *> functionsWithBodies(clang::ASTContext &ctx);

} // namespace chcheck::ir
