#include "Model.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace chcheck {

const char *opName(Op op) {
  switch (op) {
  case Op::MakeChan: return "make";
  case Op::Send: return "send";
  case Op::Recv: return "recv";
  case Op::RecvOk: return "recv_ok";
  case Op::Close: return "close";
  case Op::RangeBegin: return "range";
  case Op::Len: return "len";
  case Op::RecvInto: return "recv into";
  case Op::TrySend: return "try send";
  case Op::TryRecvInto: return "try recv into";
  case Op::ChannelReset: return "reset";
  case Op::ChannelQuery: return "query";
  case Op::SelectRecvCase: return "select recv case";
  case Op::SelectSendCase: return "select send case";
  case Op::SelectDefaultCase: return "select default case";
  case Op::Select: return "select";
  case Op::Go: return "go";
  case Op::WgAdd: return "WaitGroup add";
  case Op::WgDone: return "WaitGroup done";
  case Op::WgWait: return "WaitGroup wait";
  case Op::Lock: return "lock";
  case Op::Unlock: return "unlock";
  case Op::TryLock: return "try_lock";
  case Op::LockShared: return "lock_shared";
  case Op::UnlockShared: return "unlock_shared";
  case Op::TryLockShared: return "try_lock_shared";
  case Op::LockAll: return "lock all";
  case Op::RLockerOf: return "rlocker";
  case Op::CondWait: return "Cond wait";
  case Op::CondSignal: return "Cond signal";
  case Op::CondBroadcast: return "Cond broadcast";
  case Op::Background: return "background";
  case Op::WithCancel: return "with_cancel";
  case Op::WithTimeout: return "with_timeout";
  case Op::CtxDone: return "done";
  case Op::After: return "after";
  case Op::Allocate: return "allocate";
  case Op::PointerGet: return "pointee";
  case Op::PointerReset: return "reset";
  case Op::PointerRelease: return "release";
  case Op::ElementAccess: return "element";
  case Op::ElementInsert: return "insert";
  case Op::ElementGrow: return "grow";
  case Op::ContainerSize: return "size";
  case Op::ElementRemove: return "remove";
  case Op::ContainerClear: return "clear";
  case Op::ContainerReshape: return "reshape";
  case Op::Invoke: return "invoke";
  case Op::CallOnce: return "call_once";
  case Op::AtomicLoad: return "atomic load";
  case Op::AtomicStore: return "atomic store";
  case Op::AtomicExchange: return "atomic exchange";
  case Op::AtomicCompareExchange: return "atomic compare_exchange";
  case Op::ThreadJoin: return "join";
  case Op::Reference: return "ref";
  case Op::GuardLock: return "guard lock";
  case Op::GuardUnlock: return "guard unlock";
  case Op::GuardTryLock: return "guard try_lock";
  case Op::GuardRelease: return "guard release";
  }
  return "?";
}

ModelIndex::ModelIndex(llvm::ArrayRef<const ApiModel *> models) {
  for (const ApiModel *m : models) {
    for (const TypeModel &t : m->types)
      typesByName_[t.qualifiedName] = &t;
    for (const CallModel &c : m->calls)
      callsByName_[c.qualifiedName] = &c;
    namespaces_.push_back(m->libraryNamespace);
  }
}

// "chan::Chan" for chan::Chan<int>, the plain qualified name for a non-template.
static std::string recordName(const CXXRecordDecl *rd) {
  if (const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(rd))
    return spec->getSpecializedTemplate()->getQualifiedNameAsString();
  return rd->getQualifiedNameAsString();
}

const TypeModel *ModelIndex::typeModel(QualType t) {
  if (t.isNull())
    return nullptr;
  return typeModel(t.getNonReferenceType()->getAsCXXRecordDecl());
}

const TypeModel *ModelIndex::typeModel(const CXXRecordDecl *rd) {
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
  QualType t = obj->IgnoreParenBaseCasts()->getType();
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
  else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call);
           op && isa<CXXMethodDecl>(callee) && op->getNumArgs() > 0)
    object = op->getArg(0)->IgnoreParenBaseCasts()->getType().getNonReferenceType()->getAsCXXRecordDecl();
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

bool ModelIndex::inModelledLibrary(const Decl *d) const {
  for (const DeclContext *dc = d->getDeclContext(); dc; dc = dc->getParent())
    if (const auto *ns = dyn_cast<NamespaceDecl>(dc); ns && ns->getParent()->isTranslationUnit())
      for (const char *name : namespaces_)
        if (ns->getName() == name)
          return true;
  return false;
}

} // namespace chcheck
