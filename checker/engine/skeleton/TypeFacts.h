// What the skeleton builder needs to know about types: which values carry
// something an analysis follows, and which methods a virtual call may run.
#pragma once

#include "Skeleton.h"
#include "../models/Model.h"

#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"

#include <vector>

namespace clang {
class ASTContext;
class CXXMethodDecl;
class CXXRecordDecl;
} // namespace clang

namespace chcheck::ir {


class TypeFacts {
public:
  TypeFacts(clang::ASTContext &ctx, ModelIndex &models) : ctx_(ctx), models_(models) {}

  ValueKind kind(clang::QualType t);
  bool tracked(clang::QualType t) { return kind(t) != ValueKind::None; }
  // The methods a call of `m` through a pointer or reference may run: `m`
  // itself (unless pure) and every override in classes of this translation
  // unit derived from its class.
  std::vector<const clang::CXXMethodDecl *> overriders(const clang::CXXMethodDecl *m);
  // The tracked parts of a value of type `t`, as step sequences from the
  // value's place: a reference or scalar is itself ({{}}); an aggregate is
  // its tracked fields (recursively), a container its elements.
  struct Part {
    std::vector<Step> steps;
    ValueKind kind;
  };
  const std::vector<Part> &parts(const clang::Type *t);

private:
  ValueKind recordKind(const clang::CXXRecordDecl *rd, unsigned depth);
  void indexHierarchy();

  clang::ASTContext &ctx_;
  ModelIndex &models_;
  llvm::DenseMap<const clang::CXXRecordDecl *, ValueKind> records_;
  bool hierarchyIndexed_ = false;
  std::vector<const clang::CXXRecordDecl *> classes_; // every class with a definition
  llvm::DenseMap<const clang::Type *, std::vector<Part>> parts_;
  void collectParts(clang::QualType t, std::vector<Step> &prefix, std::vector<Part> &out, unsigned depth);
};

} // namespace chcheck::ir
