// Objects' lifetimes: constructors (a channel handle, a lock guard taking
// its lock, a user class's constructor run as a call) and destructors run
// at scope exit, reset() or delete (a guard's unlock, a user destructor).
#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace chcheck::ir {

// How many leading constructor arguments of a thread come before its
// callable: a launch policy (an enum) and std::allocator_arg with its
// allocator (boost::fibers::fiber's overloads).
static unsigned argumentsBeforeCallable(const CXXConstructExpr *ce) {
  unsigned i = 0;
  if (i < ce->getNumArgs() && ce->getArg(i)->getType()->isEnumeralType())
    ++i;
  if (i + 1 < ce->getNumArgs())
    if (const CXXRecordDecl *rd = ce->getArg(i)->getType()->getAsCXXRecordDecl();
        rd && rd->getQualifiedNameAsString() == "std::allocator_arg_t")
      i += 2;
  return i;
}

void FunctionLowering::construct(PlaceId dst, const CXXConstructExpr *ce) {
  const CXXConstructorDecl *ctor = ce->getConstructor();
  QualType t = ce->getType();
  SourceLocation loc = ce->getBeginLoc();
  if (t->isConstantArrayType() && ce->getNumArgs() == 0)
    return defaultConstruct(dst, t, loc); // T a[N]: each element default-constructed
  const CXXRecordDecl *rd = t->getAsCXXRecordDecl();
  if (!ctor || !rd || dst == kNoPlace)
    return;
  const TypeModel *tm = M.typeModel(rd);
  // Copies and moves (and conversions between channel directions).
  bool conversion = tm && ce->getNumArgs() == 1 && M.typeModel(ce->getArg(0)->getType()) == tm;
  bool channelView = tm && tm->role == TypeRole::Channel && ce->getNumArgs() == 1 &&
                     M.isChannel(ce->getArg(0)->getType());
  if (ce->getNumArgs() >= 1 && (ctor->isCopyOrMoveConstructor() || conversion || channelView)) {
    const Expr *arg = strip(ce->getArg(0));
    bool move = (ctor->isMoveConstructor() ||
                 (ctor->getNumParams() == 1 && ctor->getParamDecl(0)->getType()->isRValueReferenceType())) &&
                arg->isXValue();
    if (const auto *call = dyn_cast<CallExpr>(arg); call && isStdMoveLike(call))
      arg = strip(call->getArg(0));
    PlaceId src = move ? placeOf(arg) : valueOf(arg);
    if (src == kNoPlace && move)
      src = valueOf(arg);
    return copyFrom(dst, src, t, loc, move && arg->isGLValue(), false);
  }
  if (tm) {
    auto setNull = [&](PlaceId p) {
      Event n = event(EventKind::SetNull, loc);
      n.dst = p;
      emit(std::move(n));
    };
    switch (tm->role) {
    case TypeRole::Channel:
      if (tm->semantics) {
        std::vector<const Expr *> args(ce->arg_begin(), ce->arg_end());
        return makeChannelObject(dst, *tm->semantics, args, ce, loc);
      }
      [[fallthrough]];
    case TypeRole::Context:
    case TypeRole::Callable:
    case TypeRole::SmartPointer:
      if (ce->getNumArgs() == 0)
        return setNull(dst);
      return store(dst, ce->getArg(0), t, loc);
    case TypeRole::Container: {
      if (ce->getNumArgs() == 0)
        return defaultConstruct(dst, t, loc);
      constructedSize(dst, ce);
      const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(rd);
      if (!spec || spec->getTemplateArgs().size() == 0 ||
          spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type || tm->mapLike)
        return;
      QualType element = spec->getTemplateArgs()[0].getAsType();
      PlaceId elements = P.child(dst, {StepKind::Element});
      if (ce->getNumArgs() >= 1 && ce->getArg(0)->getType()->isIntegerType()) {
        if (ce->getNumArgs() >= 2 && !isa<CXXDefaultArgExpr>(ce->getArg(1)))
          return store(elements, ce->getArg(1), element, loc);
        if (T.kind(element) == ValueKind::Reference)
          setNull(elements);
        return;
      }
      if (ce->getNumArgs() >= 1)
        if (const auto *il = dyn_cast<CXXStdInitializerListExpr>(strip(ce->getArg(0))))
          if (const auto *list = dyn_cast<InitListExpr>(strip(il->getSubExpr())))
            for (unsigned i = 0; i < list->getNumInits(); ++i)
              store(elements, list->getInit(i), element, loc, i > 0);
      return;
    }
    case TypeRole::Cond:
    case TypeRole::RLocker: {
      if (ce->getNumArgs() == 0)
        return;
      const Expr *arg = ce->getArg(0);
      if (M.is(arg->getType(), TypeRole::RLocker)) {
        PlaceId src = valueOf(arg);
        copyFrom(dst, src, arg->getType(), loc, false, false);
        return;
      }
      Event a = event(EventKind::AddrOf, loc);
      a.dst = P.child(dst, {StepKind::Lock});
      a.src = placeOf(arg);
      if (a.src != kNoPlace)
        emit(std::move(a));
      setBool(P.child(dst, {StepKind::Flag}), tm->role == TypeRole::RLocker, loc);
      return;
    }
    case TypeRole::LockGuard:
      return constructGuard(dst, ce, *tm);
    case TypeRole::Thread: {
      unsigned first = argumentsBeforeCallable(ce);
      if (first < ce->getNumArgs()) {
        std::vector<const Expr *> rest;
        for (unsigned i = first + 1; i < ce->getNumArgs(); ++i)
          rest.push_back(ce->getArg(i));
        spawn(dst, ce->getArg(first), rest, ce);
      }
      return;
    }
    case TypeRole::Atomic:
      if (ce->getNumArgs() == 1)
        return store(dst, ce->getArg(0), ce->getArg(0)->getType(), loc);
      return;
    case TypeRole::Mutex:
    case TypeRole::WaitGroup:
    case TypeRole::OnceFlag:
      return;
    }
    return;
  }
  // A class of the user's.
  const FunctionDecl *def = definitionOf(ctor);
  std::vector<const Expr *> args;
  for (const Expr *a : ce->arguments())
    args.push_back(a);
  if (def && S.analysable(def)) {
    if (!S.relevant(def))
      return;
    Event c = event(EventKind::Call, loc);
    c.callees = {def};
    c.site = ce;
    c.args = bind(def, args, false);
    c.args.push_back({Binding::kThisParam, dst, true});
    emit(std::move(c));
    return;
  }
  if (!ctor->isUserProvided() && ce->getNumArgs() == 0)
    return initFields(dst, rd, nullptr, loc);
  // A constructor we cannot see: whatever it got escapes, the object is unknown.
  for (unsigned i = 0; i < args.size(); ++i)
    if (T.tracked(args[i]->getType()))
      escape(valueOf(args[i]), args[i]->getType(), false, loc);
  havoc(dst, t, loc);
}

void FunctionLowering::constructGuard(PlaceId dst, const CXXConstructExpr *ce, const TypeModel &m) {
  SourceLocation loc = ce->getBeginLoc();
  std::vector<PlaceId> locks;
  enum { None, Defer, Try, Adopt } tag = None;
  for (const Expr *arg : ce->arguments()) {
    if (const CXXRecordDecl *rd = arg->getType()->getAsCXXRecordDecl()) {
      StringRef name = rd->getName();
      if (name == "defer_lock_t") {
        tag = Defer;
        continue;
      }
      if (name == "try_to_lock_t") {
        tag = Try;
        continue;
      }
      if (name == "adopt_lock_t") {
        tag = Adopt;
        continue;
      }
    }
    if (PlaceId p = placeOf(arg); p != kNoPlace)
      locks.push_back(p);
  }
  if (!m.unique) {
    // lock_guard, scoped_lock: hold their locks until destroyed.
    if (tag != Adopt) {
      if (locks.size() == 1) {
        Event e = event(EventKind::Lock, loc);
        e.src = locks[0];
        e.site = ce;
        e.operand = ce->getNumArgs() ? ce->getArg(ce->getNumArgs() - 1) : nullptr;
        if (e.operand)
          lockTraits(e, e.operand->getType());
        emit(std::move(e));
      } else if (locks.size() > 1) {
        Event e = event(EventKind::LockAll, loc);
        e.places = locks;
        e.site = ce;
        emit(std::move(e));
      }
    }
    auto &held = guards_[dst];
    held.clear();
    for (PlaceId l : locks)
      held.emplace_back(l, false);
    return;
  }
  // unique_lock, shared_lock: a pointer to the lock and an ownership flag.
  PlaceId lockSlot = P.child(dst, {StepKind::Lock});
  PlaceId owns = P.child(dst, {StepKind::Flag});
  if (locks.empty()) {
    Event n = event(EventKind::SetNull, loc);
    n.dst = lockSlot;
    emit(std::move(n));
    return setBool(owns, false, loc);
  }
  Event a = event(EventKind::AddrOf, loc);
  a.dst = lockSlot;
  a.src = locks[0];
  emit(std::move(a));
  if (tag == Defer)
    return setBool(owns, false, loc);
  if (tag == Adopt)
    return setBool(owns, true, loc);
  Event e = event(tag == Try ? EventKind::TryLock : EventKind::Lock, loc);
  e.src = locks[0];
  e.shared = m.sharedGuard;
  e.site = ce;
  e.operand = ce->getArg(0);
  lockTraits(e, ce->getArg(0)->getType());
  if (tag == Try) {
    e.dst = owns;
    emit(std::move(e));
    return;
  }
  emit(std::move(e));
  setBool(owns, true, loc);
}

void FunctionLowering::destruct(PlaceId obj, QualType t, SourceLocation loc, const VarDecl *var,
                                unsigned depth) {
  (void)var;
  if (obj == kNoPlace || depth > 4 || t.isNull())
    return;
  const CXXRecordDecl *rd = t.getNonReferenceType()->getAsCXXRecordDecl();
  if (!rd || t->isReferenceType())
    return;
  if (const TypeModel *tm = M.typeModel(rd)) {
    if (tm->role == TypeRole::LockGuard && !tm->unique) {
      auto it = guards_.find(obj);
      if (it == guards_.end())
        return;
      for (auto l = it->second.rbegin(); l != it->second.rend(); ++l) {
        Event e = event(EventKind::Unlock, loc);
        e.src = l->first;
        e.shared = l->second;
        emit(std::move(e));
      }
      return;
    }
    if (tm->role == TypeRole::LockGuard) {
      Event e = event(EventKind::Unlock, loc);
      e.src = P.child(P.child(obj, {StepKind::Lock}), {StepKind::Deref});
      e.shared = tm->sharedGuard;
      e.onlyIf = P.child(obj, {StepKind::Flag});
      emit(std::move(e));
      return;
    }
    if (tm->role == TypeRole::SmartPointer && tm->unique)
      if (const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(rd);
          spec && spec->getTemplateArgs().size() > 0 &&
          spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
        destruct(P.child(obj, {StepKind::Deref}), spec->getTemplateArgs()[0].getAsType(), loc, nullptr,
                 depth + 1);
    if (tm->role == TypeRole::Thread && rd->getName() == "jthread") {
      Event j = event(EventKind::Join, loc);
      j.src = obj;
      emit(std::move(j));
    }
    return;
  }
  const CXXDestructorDecl *dtor = rd->getDestructor();
  if (!dtor || dtor->isTrivial())
    return;
  std::vector<const FunctionDecl *> callees;
  bool isVirtual = dtor->isVirtual() && P.get(obj).steps.size() > 0 &&
                   P.get(obj).steps.back().kind == StepKind::Deref;
  if (isVirtual)
    for (const CXXMethodDecl *o : T.overriders(dtor))
      callees.push_back(o);
  else
    callees.push_back(dtor);
  std::vector<const FunctionDecl *> defs;
  for (const FunctionDecl *c : callees)
    if (const FunctionDecl *def = definitionOf(c); def && S.analysable(def) && S.relevant(def))
      defs.push_back(def);
  if (defs.empty())
    return;
  Event c = event(EventKind::Call, loc);
  c.callees = defs;
  c.args.push_back({Binding::kThisParam, obj, true});
  if (isVirtual)
    c.cls = rd;
  emit(std::move(c));
}

} // namespace chcheck::ir
