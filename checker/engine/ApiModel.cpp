#include "ApiModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace chcheck {

const char *opKindName(OpKind k) {
  switch (k) {
  case OpKind::Make: return "make";
  case OpKind::Send: return "send";
  case OpKind::Recv: return "recv";
  case OpKind::RecvOk: return "recv_ok";
  case OpKind::Close: return "close";
  case OpKind::Range: return "range";
  case OpKind::SelectSend: return "select send";
  case OpKind::SelectRecv: return "select recv";
  case OpKind::Spawn: return "go";
  case OpKind::WaitDone: return "WaitGroup done";
  case OpKind::WaitJoin: return "WaitGroup wait";
  }
  return "?";
}

ModelIndex::ModelIndex(llvm::ArrayRef<const ApiModel *> models) {
  for (const ApiModel *m : models) {
    for (const ChannelTypeModel &t : m->channelTypes)
      typesByName_[t.qualifiedTemplate] = &t;
    for (const CallModel &c : m->calls)
      callsByName_[c.qualifiedName] = &c;
  }
}

// "chan::Chan" for chan::Chan<int>, the plain qualified name for a non-template.
static std::string recordName(const CXXRecordDecl *rd) {
  if (const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(rd))
    return spec->getSpecializedTemplate()->getQualifiedNameAsString();
  return rd->getQualifiedNameAsString();
}

const ChannelTypeModel *ModelIndex::channelType(QualType t) {
  if (t.isNull())
    return nullptr;
  const CXXRecordDecl *rd = t.getNonReferenceType()->getAsCXXRecordDecl();
  if (!rd)
    return nullptr;
  rd = rd->getCanonicalDecl();
  auto [it, inserted] = typeCache_.try_emplace(rd, nullptr);
  if (inserted) {
    auto found = typesByName_.find(recordName(rd));
    if (found != typesByName_.end())
      it->second = found->second;
  }
  return it->second;
}

static const CXXRecordDecl *objectRecord(const CXXMemberCallExpr *call) {
  const Expr *obj = call->getImplicitObjectArgument();
  if (!obj)
    return nullptr;
  QualType t = obj->getType();
  if (t->isPointerType())
    t = t->getPointeeType();
  return t->getAsCXXRecordDecl();
}

const CallModel *ModelIndex::callModel(const CallExpr *call) {
  const FunctionDecl *callee = call->getDirectCallee();
  if (!callee)
    return nullptr;
  const CXXRecordDecl *object = nullptr;
  if (const auto *member = dyn_cast<CXXMemberCallExpr>(call))
    object = objectRecord(member);
  auto [it, inserted] = callCache_.try_emplace({callee, object}, nullptr);
  if (!inserted)
    return it->second;

  std::string name;
  if (object) {
    name = recordName(object) + "::" + callee->getNameAsString();
  } else {
    const FunctionDecl *pattern = callee;
    if (const FunctionTemplateDecl *tmpl = callee->getPrimaryTemplate())
      pattern = tmpl->getTemplatedDecl();
    name = pattern->getQualifiedNameAsString();
  }
  auto found = callsByName_.find(name);
  if (found != callsByName_.end())
    it->second = found->second;
  return it->second;
}

} // namespace chcheck
