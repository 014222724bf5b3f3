// Calls: to functions we have (a Call event the analyses interpret with the
// callee's skeleton), virtual calls (every visible override), calls through
// callables, and the unknown (whatever it gets escapes).  Also spawns and
// selects.  Modelled library operations are in LowerModelled.cpp,
// constructors, destructors and lock guards in LowerLifetime.cpp.
#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace chcheck::ir {

const FunctionDecl *FunctionLowering::definitionOf(const FunctionDecl *fd) {
  if (!fd)
    return nullptr;
  // A generic lambda's call operator is a template: the code that runs is
  // its instantiation (`[&](auto, bool) { ... }` handed to a select case).
  if (const FunctionTemplateDecl *tmpl = fd->getDescribedFunctionTemplate()) {
    const FunctionDecl *only = nullptr;
    unsigned count = 0;
    for (const FunctionDecl *spec : tmpl->specializations())
      if (spec->getDefinition()) {
        only = spec->getDefinition();
        ++count;
      }
    if (count == 1)
      return only;
  }
  if (const FunctionDecl *def = fd->getDefinition())
    return def;
  return nullptr;
}

void FunctionLowering::setBool(PlaceId dst, bool value, SourceLocation loc) {
  Event e = event(EventKind::SetBool, loc);
  e.dst = dst;
  e.value = value;
  emit(std::move(e));
}

// The `index`th member of a std::pair-like result (with_cancel, recv_ok).
PlaceId FunctionLowering::pairField(PlaceId pair, QualType pairType, unsigned index) {
  const CXXRecordDecl *rd = pairType->getAsCXXRecordDecl();
  if (!rd || !rd->hasDefinition())
    return kNoPlace;
  unsigned i = 0;
  for (const FieldDecl *f : rd->getDefinition()->fields())
    if (i++ == index)
      return P.child(pair, {StepKind::Field, f});
  return kNoPlace;
}

// The object a modelled operation acts on, and the expression naming it.
PlaceId FunctionLowering::objectOf(const CallExpr *call, int objectArg, const Expr **written) {
  const Expr *obj = nullptr;
  bool pointer = false;
  if (objectArg < 0) {
    if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call)) {
      obj = mc->getImplicitObjectArgument();
      if (const auto *me = dyn_cast<MemberExpr>(mc->getCallee()->IgnoreParens()))
        pointer = me->isArrow();
    } else if (isa<CXXOperatorCallExpr>(call) && call->getNumArgs() > 0) {
      obj = call->getArg(0);
    }
  } else if (static_cast<unsigned>(objectArg) < call->getNumArgs()) {
    obj = call->getArg(objectArg);
  }
  if (!obj)
    return kNoPlace;
  obj = obj->IgnoreParenBaseCasts();
  if (written)
    *written = obj;
  if (pointer) {
    if (isa<CXXThisExpr>(strip(obj)))
      return thisObject();
    PlaceId ptr = valueOf(obj);
    return ptr == kNoPlace ? kNoPlace : P.child(ptr, {StepKind::Deref});
  }
  PlaceId p = placeOf(obj);
  return p != kNoPlace ? p : valueOf(obj);
}

std::vector<Binding> FunctionLowering::bind(llvm::ArrayRef<QualType> params,
                                            llvm::ArrayRef<const Expr *> args, bool forceCopy) {
  std::vector<Binding> out;
  for (std::uint32_t i = 0; i < params.size() && i < args.size(); ++i) {
    QualType pt = params[i];
    if (!T.tracked(pt) && !isa<LambdaExpr>(strip(args[i])))
      continue;
    const Expr *arg = args[i];
    // std::ref(x) to a thread's reference parameter: x itself, not a copy.
    if (const auto *ref = dyn_cast<CallExpr>(strip(arg)); ref && pt->isReferenceType()) {
      const CallModel *m = M.callModel(ref);
      if (m && m->op == Op::Reference && ref->getNumArgs() == 1)
        if (PlaceId p = placeOf(ref->getArg(0)); p != kNoPlace) {
          out.push_back({i, p, true});
          continue;
        }
    }
    if (pt->isReferenceType() && !forceCopy) {
      PlaceId p = placeOf(arg);
      if (p == kNoPlace)
        p = valueOf(arg);
      if (p != kNoPlace)
        out.push_back({i, p, true});
      continue;
    }
    // By value: a move empties its source.
    const Expr *e = strip(arg);
    const Expr *moved = nullptr;
    if (const auto *ce = dyn_cast<CXXConstructExpr>(e); ce && ce->getNumArgs() == 1 &&
                                                        ce->getConstructor()->isMoveConstructor())
      e = strip(ce->getArg(0));
    if (const auto *call = dyn_cast<CallExpr>(e); call && isStdMoveLike(call) &&
                                                 call->getDirectCallee()->getName() == "move")
      moved = call->getArg(0);
    if (moved) {
      PlaceId src = placeOf(moved);
      if (src != kNoPlace) {
        PlaceId t = temp();
        copyFrom(t, src, pt, arg->getBeginLoc(), /*move=*/true, false);
        out.push_back({i, t, false});
      }
      continue;
    }
    PlaceId p = valueOf(arg);
    if (p != kNoPlace)
      out.push_back({i, p, false});
  }
  return out;
}

std::vector<Binding> FunctionLowering::bind(const FunctionDecl *callee, llvm::ArrayRef<const Expr *> args,
                                            bool forceCopy) {
  std::vector<QualType> params;
  for (const ParmVarDecl *p : callee->parameters())
    params.push_back(p->getType());
  return bind(params, args, forceCopy);
}

void FunctionLowering::escape(PlaceId p, QualType t, bool writable, SourceLocation loc) {
  if (p == kNoPlace)
    return;
  const Type *aggregate = T.kind(t) == ValueKind::Aggregate
                              ? t.getNonReferenceType().getCanonicalType().getTypePtr()
                              : nullptr;
  // A pointer escapes with what it points to.
  if (t->isPointerType() && T.kind(t->getPointeeType()) == ValueKind::Aggregate) {
    p = P.child(p, {StepKind::Deref});
    aggregate = t->getPointeeType().getCanonicalType().getTypePtr();
  }
  Event e = event(EventKind::Escape, loc);
  e.src = p;
  e.valueType = aggregate;
  emit(std::move(e));
  if (writable && T.kind(t) != ValueKind::Storage) {
    Event h = event(EventKind::Havoc, loc);
    h.dst = p;
    h.valueType = aggregate;
    emit(std::move(h));
  }
}

// A call to code we cannot see.  User code may do anything with what it
// gets (send on a channel, keep it, reassign it if it can); the standard
// library only calls back what we hand it and writes what we let it write.
bool FunctionLowering::handsOverCode(const CallExpr *call) {
  for (const Expr *arg : call->arguments()) {
    QualType t = arg->getType().getNonReferenceType();
    const CXXRecordDecl *rd = t->getAsCXXRecordDecl();
    if (isa<LambdaExpr>(strip(arg)) || M.is(t, TypeRole::Callable) || t->isFunctionType() ||
        t->isFunctionPointerType() || t->isMemberFunctionPointerType() || (rd && rd->isLambda()))
      return true;
  }
  return false;
}

// What the lambdas among a call's arguments capture escapes: the callee may
// run them anywhere (on a fiber of its own).
void FunctionLowering::escapeCaptures(const CallExpr *call) {
  for (const Expr *arg : call->arguments()) {
    const auto *le = dyn_cast<LambdaExpr>(strip(arg));
    if (const auto *ref = dyn_cast<DeclRefExpr>(strip(arg)); !le && ref)
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && var->getInit())
        le = dyn_cast<LambdaExpr>(strip(var->getInit()));
    if (!le)
      continue;
    for (const LambdaCapture &c : le->captures())
      if (c.capturesVariable())
        if (const auto *var = dyn_cast<VarDecl>(c.getCapturedVar()); var && T.tracked(var->getType()))
          escape(varPlace(var), var->getType(), true, call->getBeginLoc());
  }
}

void FunctionLowering::unknownCall(const CallExpr *call, const FunctionDecl *callee, unsigned firstArg) {
  bool library = callee && (callee->isInStdNamespace() ||
                            ctx_.getSourceManager().isInSystemHeader(callee->getLocation()));
  for (unsigned i = firstArg; i < call->getNumArgs(); ++i) {
    const Expr *arg = call->getArg(i);
    // std::ref(x): the callee gets x itself.
    if (const auto *ref = dyn_cast<CallExpr>(strip(arg)); ref && ref->getNumArgs() == 1)
      if (const CallModel *m = M.callModel(ref); m && m->op == Op::Reference) {
        const Expr *x = ref->getArg(0);
        if (PlaceId p = placeOf(x); p != kNoPlace && T.kind(x->getType()) != ValueKind::None)
          escape(p, x->getType(), true, call->getBeginLoc());
        continue;
      }
    QualType at = arg->getType();
    ValueKind k = T.kind(at);
    bool callable = isa<LambdaExpr>(strip(arg)) || M.is(at, TypeRole::Callable);
    if (k == ValueKind::None && !callable)
      continue;
    bool writable = false;
    unsigned pi = i - firstArg;
    if (callee && pi < callee->getNumParams()) {
      QualType pt = callee->getParamDecl(pi)->getType();
      writable = (pt->isReferenceType() || pt->isPointerType()) &&
                 !pt->getPointeeType().isConstQualified() && !pt->isRValueReferenceType();
    } else {
      writable = at->isPointerType();
    }
    if (library && !callable && !writable)
      continue;
    PlaceId p = placeOf(arg);
    if (p == kNoPlace)
      p = valueOf(arg);
    escape(p, at, writable, call->getBeginLoc());
  }
  if (!library)
    if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call))
      if (const Expr *obj = mc->getImplicitObjectArgument(); obj && T.tracked(obj->getType())) {
        const auto *method = mc->getMethodDecl();
        PlaceId p = objectOf(call, -1, nullptr);
        escape(p, obj->getType(), method && !method->isConst(), call->getBeginLoc());
      }
  QualType rt = call->getType();
  if (T.tracked(rt)) {
    PlaceId t = temp();
    if (call->isGLValue()) {
      Event h = event(EventKind::Havoc, call->getBeginLoc());
      h.dst = t;
      emit(std::move(h));
      values_[call] = P.child(t, {StepKind::Deref});
    } else {
      havoc(t, rt, call->getBeginLoc());
      values_[call] = t;
    }
  }
}

// A function without a body here that user code defines elsewhere: another
// translation unit may have a summary of it.
bool FunctionLowering::calledElsewhere(const FunctionDecl *fd) {
  return !definitionOf(fd) && !fd->isInStdNamespace() && !M.inModelledLibrary(fd) &&
         !ctx_.getSourceManager().isInSystemHeader(fd->getLocation()) && fd->isExternallyVisible();
}

// A call to a function another translation unit summarised: what it may do
// as an unseen callee for the analyses that cannot use the summary, then the
// call through its summary for the lifecycle dataflow.
void FunctionLowering::summarisedCall(const CallExpr *call, const FunctionDecl *callee, PlaceId thisPlace,
                                      unsigned firstArg) {
  summarisedCall_ = true;
  unknownCall(call, callee, firstArg);
  summarisedCall_ = false;
  Event e = event(EventKind::Call, call->getBeginLoc());
  e.callees = {callee->getCanonicalDecl()};
  e.site = call;
  e.summarised = true;
  e.args = bind(callee, argsFrom(call, firstArg), false);
  if (thisPlace != kNoPlace)
    e.args.push_back({Binding::kThisParam, thisPlace, true});
  emit(std::move(e));
}

void FunctionLowering::callFunctions(const CallExpr *call, std::vector<const FunctionDecl *> callees,
                                     PlaceId thisPlace, unsigned firstArg, bool virtualCall) {
  std::vector<const FunctionDecl *> defs;
  bool unknown = false;
  for (const FunctionDecl *c : callees) {
    const FunctionDecl *def = definitionOf(c);
    // A coroutine's call only makes its frame: its body runs when it is
    // resumed (co_spawn, co_await, an executor), which is not followed.
    if (!def || !S.analysable(def) || isa<CoroutineBodyStmt>(def->getBody())) {
      unknown = true;
      continue;
    }
    if (S.relevant(def))
      defs.push_back(def);
    else if (virtualCall)
      defs.push_back(def); // an override that does nothing is one of the possibilities
  }
  if (unknown && defs.empty() && !virtualCall && callees.size() == 1 && calledElsewhere(callees.front())) {
    S.noteUnseen(callees.front());
    if (S.summarised(callees.front())) {
      summarisedCall(call, callees.front(), thisPlace, firstArg);
      return;
    }
  }
  if (unknown && (defs.empty() || virtualCall)) {
    unknownCall(call, callees.empty() ? nullptr : callees.front(), firstArg);
    if (defs.empty())
      return;
  }
  bool anyRelevant = false;
  for (const FunctionDecl *d : defs)
    anyRelevant |= S.relevant(d);
  if (!anyRelevant)
    return;
  Event e = event(EventKind::Call, call->getBeginLoc());
  e.callees = defs;
  e.site = call;
  e.args = bind(defs.front(), argsFrom(call, firstArg), false);
  if (thisPlace != kNoPlace)
    e.args.push_back({Binding::kThisParam, thisPlace, true});
  if (virtualCall)
    if (const auto *m = dyn_cast<CXXMethodDecl>(callees.front()))
      e.cls = m->getParent();
  QualType rt = defs.front()->getReturnType();
  if (T.tracked(rt)) {
    e.result = temp();
    values_[call] = rt->isReferenceType() ? P.child(e.result, {StepKind::Deref}) : e.result;
  }
  emit(std::move(e));
}

// Whether the object expression's dynamic type is its static type.
static bool exactType(const Expr *obj) {
  obj = strip(obj);
  if (const auto *dre = dyn_cast<DeclRefExpr>(obj))
    if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
      return !vd->getType()->isReferenceType() && !vd->getType()->isPointerType();
  if (const auto *me = dyn_cast<MemberExpr>(obj))
    if (const auto *fd = dyn_cast<FieldDecl>(me->getMemberDecl()))
      return !fd->getType()->isReferenceType() && !fd->getType()->isPointerType();
  return isa<CXXTemporaryObjectExpr, CXXConstructExpr>(obj);
}

// Whether `call` is the operand of a co_await in `s`.  (The operand is
// also reached through the awaiter's semantic subexpressions, such as the
// promise's await_transform, so parents do not say it: the co_await does.)
static bool coAwaited(const Stmt *s, const CallExpr *call) {
  if (!s)
    return false;
  if (const auto *aw = dyn_cast<CoawaitExpr>(s))
    if (const Expr *operand = aw->getOperand(); operand && operand->IgnoreImplicit()->IgnoreParens() == call)
      return true;
  for (const Stmt *c : s->children())
    if (coAwaited(c, call))
      return true;
  return false;
}

// Whether an asynchronous operation's result is co_awaited in `body` with a
// token of class `token` as its last argument (CallModel::awaitedWith).
static bool awaitedWith(const CallExpr *call, const char *token, const Stmt *body) {
  if (call->getNumArgs() == 0)
    return false;
  const CXXRecordDecl *rd = call->getArg(call->getNumArgs() - 1)->getType().getNonReferenceType()->getAsCXXRecordDecl();
  std::string name;
  if (const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(rd))
    name = spec->getSpecializedTemplate()->getQualifiedNameAsString();
  else if (rd)
    name = rd->getQualifiedNameAsString();
  return name == token && coAwaited(body, call);
}

void FunctionLowering::lowerCall(const CallExpr *call) {
  if (const CallModel *m = M.callModel(call);
      m && (!m->awaitedWith || awaitedWith(call, m->awaitedWith, fd_->getBody()))) {
    if (m->op != Op::ContainerReshape)
      return modelledCall(call, *m);
    sizeOp(call, *m); // then what any library call does with what it is handed
  }
  const FunctionDecl *callee = call->getDirectCallee();
  // Any other non-const method of a std::atomic (++, fetch_add, +=, ...)
  // changes its value to one we do not compute.
  if (const auto *am = dyn_cast_or_null<CXXMethodDecl>(callee);
      am && !am->isConst() && !isa<CXXConstructorDecl, CXXDestructorDecl>(am)) {
    QualType objType;
    // (the object as written: libstdc++'s methods are its base's)
    if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call)) {
      if (const Expr *obj = mc->getImplicitObjectArgument()) {
        objType = obj->IgnoreParenBaseCasts()->getType();
        if (const auto *me = dyn_cast<MemberExpr>(mc->getCallee()->IgnoreParens()); me && me->isArrow())
          objType = objType->getPointeeType();
      }
    } else if (isa<CXXOperatorCallExpr>(call) && call->getNumArgs() > 0) {
      objType = call->getArg(0)->IgnoreParenBaseCasts()->getType();
    }
    if (!objType.isNull() && M.is(objType.getNonReferenceType(), TypeRole::Atomic)) {
      PlaceId a = objectOf(call, -1, nullptr);
      if (a != kNoPlace && T.tracked(objType.getNonReferenceType())) {
        Event h = event(EventKind::Havoc, call->getBeginLoc());
        h.dst = a;
        emit(std::move(h));
      }
      return;
    }
  }
  if (isStdMoveLike(call))
    return;
  const auto *method = dyn_cast_or_null<CXXMethodDecl>(callee);
  const auto *op = dyn_cast<CXXOperatorCallExpr>(call);
  // Assignment of classes: handles, smart pointers, callables, structs.
  if (op && op->getOperator() == OO_Equal && op->getNumArgs() == 2 && method) {
    const Expr *lhs = op->getArg(0);
    QualType t = lhs->getType().getNonReferenceType();
    const TypeModel *tm = M.typeModel(t);
    bool builtinLike = !method->isUserProvided() || tm ||
                       ctx_.getSourceManager().isInSystemHeader(method->getLocation());
    if (builtinLike) {
      PlaceId dst = placeOf(lhs);
      values_[call] = dst;
      if (dst == kNoPlace || !T.tracked(t))
        return;
      bool weak = false;
      for (const Step &s : P.get(dst).steps)
        weak |= s.kind == StepKind::Element;
      weak = weak && !writtenInLoopOver(lhs, nullptr);
      if (tm && tm->role == TypeRole::SmartPointer && tm->unique)
        if (const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl()))
          destruct(P.child(dst, {StepKind::Deref}), spec->getTemplateArgs()[0].getAsType(),
                   call->getBeginLoc(), nullptr, 1);
      const Expr *rhs = op->getArg(1);
      bool move = method->isMoveAssignmentOperator() && strip(rhs)->isXValue();
      if ((method->isCopyAssignmentOperator() || method->isMoveAssignmentOperator()) && !move) {
        PlaceId src = valueOf(rhs);
        return copyFrom(dst, src, t, call->getBeginLoc(), false, weak);
      }
      if (move) {
        PlaceId src = placeOf(rhs);
        return copyFrom(dst, src, t, call->getBeginLoc(), true, weak);
      }
      if (tm && tm->role == TypeRole::Container)
        assignedSize(dst, t, rhs, call->getBeginLoc());
      return store(dst, rhs, t, call->getBeginLoc(), weak);
    }
  }

  // The modelled library's own plumbing (range iterators, ...) does nothing
  // its model does not say; but a call of it that is handed code to run
  // (boost::fibers::async(f, std::ref(ch))) runs what the model does not
  // see: it is an unknown call, and what it gets escapes.
  if (callee && M.inModelledLibrary(callee) && !callee->isInStdNamespace()) {
    if (!handsOverCode(call))
      return;
    escapeCaptures(call);
    return unknownCall(call, callee, 0);
  }

  if (!callee) {
    // A call through a function pointer.
    const Expr *fn = strip(call->getCallee());
    QualType ft = fn->getType();
    if (ft->isPointerType())
      ft = ft->getPointeeType();
    const auto *proto = ft->getAs<FunctionProtoType>();
    PlaceId callable = valueOf(fn);
    if (!proto || callable == kNoPlace)
      return unknownCall(call, nullptr, 0);
    Event e = event(EventKind::Call, call->getBeginLoc());
    e.callable = callable;
    e.site = call;
    e.args = bind(proto->getParamTypes(), argsFrom(call, 0), false);
    if (T.tracked(call->getType())) {
      e.result = temp();
      values_[call] = e.result;
    }
    emit(std::move(e));
    return;
  }

  if (method && !method->isStatic()) {
    PlaceId self = kNoPlace;
    unsigned firstArg = 0;
    const Expr *obj = nullptr;
    bool qualified = false;
    if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call)) {
      obj = mc->getImplicitObjectArgument();
      self = objectOf(call, -1, nullptr);
      if (const auto *me = dyn_cast<MemberExpr>(mc->getCallee()->IgnoreParens()))
        qualified = me->hasQualifier();
    } else if (op) {
      obj = op->getArg(0);
      self = placeOf(obj);
      if (self == kNoPlace)
        self = valueOf(obj);
      firstArg = 1;
    }
    std::vector<const FunctionDecl *> callees;
    bool isVirtual = method->isVirtual() && !qualified && obj && !exactType(obj);
    if (isVirtual)
      for (const CXXMethodDecl *o : T.overriders(method))
        callees.push_back(o);
    else
      callees.push_back(method);
    return callFunctions(call, callees, self, firstArg, isVirtual);
  }
  return callFunctions(call, {callee}, kNoPlace, 0, false);
}

// How the value of a recv() is consumed (CH105 reads it).
RecvUse FunctionLowering::recvUse(const Expr *call) {
  RecvUse v;
  const Stmt *child = call;
  const Stmt *parent = parents_.getParent(call);
  while (parent && (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr, ExprWithCleanups,
                        CXXBindTemporaryExpr, CXXFunctionalCastExpr>(parent) ||
                    (isa<CXXConstructExpr>(parent) && cast<CXXConstructExpr>(parent)->getNumArgs() == 1))) {
    child = parent;
    parent = parents_.getParent(parent);
  }
  v.used = parent && !isa<CompoundStmt>(parent) &&
           !(isa<CStyleCastExpr>(parent) && cast<CStyleCastExpr>(parent)->getType()->isVoidType());
  if (!v.used)
    return v;
  auto isConditionOf = [](const Stmt *s, const Stmt *p) {
    if (const auto *i = dyn_cast<IfStmt>(p))
      return i->getCond() == s;
    if (const auto *w = dyn_cast<WhileStmt>(p))
      return w->getCond() == s;
    if (const auto *f = dyn_cast<ForStmt>(p))
      return f->getCond() == s;
    if (const auto *d = dyn_cast<DoStmt>(p))
      return d->getCond() == s;
    if (const auto *sw = dyn_cast<SwitchStmt>(p))
      return sw->getCond() == s;
    if (const auto *co = dyn_cast<ConditionalOperator>(p))
      return co->getCond() == s;
    return false;
  };
  auto inCondition = [&](const Stmt *s) {
    for (const Stmt *p = parents_.getParent(s); p; s = p, p = parents_.getParent(p)) {
      if (isConditionOf(s, p))
        return true;
      if (isa<CompoundStmt>(p))
        return false;
    }
    return false;
  };
  const VarDecl *holder = nullptr;
  if (const auto *ds = dyn_cast<DeclStmt>(parent)) {
    if (ds->isSingleDecl())
      holder = dyn_cast<VarDecl>(ds->getSingleDecl());
  } else if (const auto *bo = dyn_cast<BinaryOperator>(parent); bo && bo->isAssignmentOp()) {
    if (const auto *dre = dyn_cast<DeclRefExpr>(strip(bo->getLHS())))
      holder = dyn_cast<VarDecl>(dre->getDecl());
  } else if (const auto *oc = dyn_cast<CXXOperatorCallExpr>(parent); oc && oc->getOperator() == OO_Equal) {
    if (const auto *dre = dyn_cast<DeclRefExpr>(strip(oc->getArg(0))))
      holder = dyn_cast<VarDecl>(dre->getDecl());
  }
  bool checked = inCondition(child);
  if (!checked && holder) {
    std::function<bool(const Stmt *)> walk = [&](const Stmt *s) {
      if (!s)
        return false;
      if (const auto *dre = dyn_cast<DeclRefExpr>(s); dre && dre->getDecl() == holder && inCondition(dre))
        return true;
      for (const Stmt *c : s->children())
        if (walk(c))
          return true;
      return false;
    };
    checked = walk(fd_->getBody());
  }
  v.checked = checked;
  for (const Stmt *s = parents_.getParent(call); s; s = parents_.getParent(s)) {
    if (!isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s))
      continue;
    const Expr *cond = nullptr;
    if (const auto *f = dyn_cast<ForStmt>(s)) {
      if (!f->getCond()) {
        v.inUnboundedLoop = true;
        break;
      }
      cond = f->getCond();
    } else if (const auto *w = dyn_cast<WhileStmt>(s)) {
      cond = w->getCond();
    } else if (const auto *d = dyn_cast<DoStmt>(s)) {
      cond = d->getCond();
    }
    bool value = false;
    v.inUnboundedLoop = cond && !cond->isValueDependent() &&
                        cond->EvaluateAsBooleanCondition(value, ctx_) && value;
    break;
  }
  return v;
}

// The function a callable expression names, when it does so statically.
const FunctionDecl *FunctionLowering::callableFunction(const Expr *e) {
  e = strip(e);
  if (const auto *le = dyn_cast_or_null<LambdaExpr>(e))
    return definitionOf(le->getCallOperator());
  if (const FunctionDecl *f = e ? declaredFunction(e) : nullptr)
    return definitionOf(f);
  if (const auto *u = dyn_cast_or_null<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf)
    e = strip(u->getSubExpr());
  if (e && !e->getType().isNull())
    if (const CXXRecordDecl *rd = e->getType().getNonReferenceType()->getAsCXXRecordDecl();
        rd && rd->hasDefinition() && !M.typeModel(rd)) {
      if (rd->isLambda())
        return definitionOf(rd->getLambdaCallOperator());
      for (const CXXMethodDecl *m : rd->methods())
        if (m->getOverloadedOperator() == OO_Call)
          return definitionOf(m);
    }
  return nullptr;
}

void FunctionLowering::spawn(PlaceId threadObject, const Expr *callable, llvm::ArrayRef<const Expr *> args,
                             const Expr *site) {
  Event g = event(EventKind::Go, site->getBeginLoc());
  g.dst = threadObject;
  g.site = site;
  if (const TypeModel *tm = M.typeModel(site->getType()); tm && tm->role == TypeRole::Thread)
    g.threadNoun = tm->threadNoun;
  const Expr *c = strip(callable);
  // go(&Class::method, object, args...)
  if (const auto *u = dyn_cast<UnaryOperator>(c); u && u->getOpcode() == UO_AddrOf)
    if (const auto *dre = dyn_cast<DeclRefExpr>(strip(u->getSubExpr())))
      if (const auto *method = dyn_cast<CXXMethodDecl>(dre->getDecl()); method && !method->isStatic()) {
        const FunctionDecl *def = definitionOf(method);
        if (!def || !S.analysable(def) || args.empty()) {
          for (const Expr *a : args)
            escape(valueOf(a), a->getType(), false, site->getBeginLoc());
          return;
        }
        g.callees = {def};
        g.args = bind(def, args.drop_front(), true);
        const Expr *object = args.front();
        PlaceId self = object->getType()->isPointerType() ? valueOf(object) : placeOf(object);
        if (self != kNoPlace)
          g.args.push_back({Binding::kThisParam,
                            object->getType()->isPointerType() ? P.child(self, {StepKind::Deref}) : self,
                            true});
        emit(std::move(g));
        return;
      }
  const FunctionDecl *fn = callableFunction(c);
  const bool closure = isa<LambdaExpr>(c) ||
                       (fn && isa<CXXMethodDecl>(fn) && cast<CXXMethodDecl>(fn)->getParent()->isLambda());
  PlaceId value = valueOf(c);
  if (fn && S.analysable(fn)) {
    g.callees = {fn};
    g.args = bind(fn, args, true);
    if (const auto *m = dyn_cast<CXXMethodDecl>(fn); m && !m->isStatic() && value != kNoPlace)
      g.args.push_back({Binding::kThisParam, value, !closure ? false : true});
    if (closure)
      g.callable = value;
  } else if (value != kNoPlace && M.is(c->getType(), TypeRole::Callable)) {
    g.callable = value;
    std::vector<QualType> params;
    for (const Expr *a : args)
      params.push_back(a->getType().getNonReferenceType());
    g.args = bind(params, args, true);
  } else {
    // Something we cannot see runs on the new goroutine.
    const std::size_t escapesFrom = sk_.nodes[cur_].events.size();
    for (const Expr *a : args)
      escape(valueOf(a), a->getType(), false, site->getBeginLoc());
    if (value != kNoPlace)
      escape(value, c->getType(), false, site->getBeginLoc());
    // A function another file defines: the lifecycle dataflow runs its
    // summary as the goroutine's body, instead of the escapes above (an
    // escaped channel may hold values, so a receive would prove nothing);
    // the other analyses keep the escapes: a summary holds no receives,
    // locks or waits to explore.
    if (const FunctionDecl *elsewhere = declaredFunction(c); elsewhere && calledElsewhere(elsewhere)) {
      S.noteUnseen(elsewhere);
      if (S.summarised(elsewhere)) {
        for (std::size_t i = escapesFrom; i < sk_.nodes[cur_].events.size(); ++i)
          sk_.nodes[cur_].events[i].summarised = true;
        g.callees = {elsewhere->getCanonicalDecl()};
        g.summarised = true;
        g.args = bind(elsewhere, args, true);
        emit(std::move(g));
      }
    }
    return;
  }
  emit(std::move(g));
}

// The function `go(f, ...)` names, with or without a body here.
const FunctionDecl *FunctionLowering::declaredFunction(const Expr *callable) {
  const Expr *e = strip(callable);
  if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf)
    e = strip(u->getSubExpr());
  const auto *dre = dyn_cast<DeclRefExpr>(e);
  return dre ? dyn_cast<FunctionDecl>(dre->getDecl()) : nullptr;
}

void FunctionLowering::select(const CallExpr *call) {
  std::vector<CaseInfo> cases;
  const CaseInfo *fallback = nullptr;
  for (const Expr *arg : call->arguments()) {
    auto it = selectCases_.find(strip(arg));
    if (it == selectCases_.end())
      continue;
    if (it->second.isDefault)
      fallback = &it->second;
    else
      cases.push_back(it->second);
  }
  lowerSelect(call, cases, fallback, nullptr);
}

void FunctionLowering::lowerSelect(const CallExpr *call, const std::vector<CaseInfo> &cases,
                                   const CaseInfo *fallback, const ChannelSemantics *library) {
  Event s = event(EventKind::Select, call->getBeginLoc());
  s.site = call;
  s.library = library;
  if (library)
    s.recvUse = statusUse(call);
  for (const CaseInfo &c : cases)
    s.cases.push_back(c.c);
  s.hasDefault = fallback != nullptr;
  s.dst = temp();
  values_[call] = s.dst;
  emit(std::move(s));
  std::vector<CaseInfo> all = cases;
  if (fallback)
    all.push_back(*fallback);
  if (all.empty()) {
    sk_.nodes[cur_].succs.clear(); // select {} blocks forever: nothing follows
    cur_ = newNode();
    return;
  }
  std::vector<std::uint32_t> targets = branch(static_cast<unsigned>(all.size()), Condition{});
  std::uint32_t join = newNode();
  for (std::size_t k = 0; k < all.size(); ++k) {
    cur_ = targets[k];
    const CaseInfo &c = all[k];
    if (c.callback != kNoPlace) {
      Event e = event(EventKind::Call, c.c.loc);
      e.callable = c.callback;
      const FunctionDecl *fn = nullptr;
      for (const Expr *arg : call->arguments())
        if (const auto *caseCall = dyn_cast<CallExpr>(strip(arg)))
          if (auto it = selectCases_.find(caseCall); it != selectCases_.end() && it->second.callback == c.callback)
            if (const CallModel *m = M.callModel(caseCall); m && m->extraArg >= 0 &&
                                                          static_cast<unsigned>(m->extraArg) < caseCall->getNumArgs())
              fn = callableFunction(caseCall->getArg(m->extraArg));
      if (fn && !c.c.isSend && fn->getNumParams() >= 1 && T.tracked(fn->getParamDecl(0)->getType()))
        e.args.push_back({0, c.c.value, false});
      if (fn && !c.c.isSend && c.c.ok != kNoPlace && fn->getNumParams() == 2)
        e.args.push_back({1, c.c.ok, false});
      if (fn)
        e.callees = {fn};
      emit(std::move(e));
    }
    sk_.nodes[cur_].succs = {join};
  }
  cur_ = join;
}

void FunctionLowering::callOnce(const CallExpr *call, const CallModel &m) {
  if (call->getNumArgs() < 2)
    return;
  PlaceId flag = placeOf(call->getArg(0));
  if (flag == kNoPlace)
    return;
  PlaceId done = P.child(flag, {StepKind::Flag});
  std::vector<std::uint32_t> targets = branch(2, {Condition::Kind::Bool, done});
  std::uint32_t join = newNode();
  sk_.nodes[targets[0]].succs = {join};
  cur_ = targets[1];
  setBool(done, true, call->getBeginLoc());
  const Expr *callable = call->getArg(m.extraArg);
  Event e = event(EventKind::Call, call->getBeginLoc());
  e.site = call;
  e.callable = valueOf(callable);
  if (const FunctionDecl *fn = callableFunction(callable)) {
    e.callees = {fn};
    e.args = bind(fn, argsFrom(call, 2), false);
  }
  if (e.callable != kNoPlace || !e.callees.empty())
    emit(std::move(e));
  sk_.nodes[cur_].succs = {join};
  cur_ = join;
}

// The constructor make_shared<T>(args...) / make_unique<T>(args...) runs:
// the one constructor of T whose parameters the arguments fit, if unique.
const CXXConstructorDecl *FunctionLowering::allocatedConstructor(const CallExpr *call,
                                                                 const CXXRecordDecl *rd) {
  if (!rd->hasDefinition())
    return nullptr;
  rd = rd->getDefinition();
  const CXXConstructorDecl *found = nullptr;
  for (const CXXConstructorDecl *ctor : rd->ctors()) {
    if (ctor->isDeleted() || ctor->getNumParams() < call->getNumArgs() ||
        ctor->getMinRequiredArguments() > call->getNumArgs())
      continue;
    bool fits = true;
    for (unsigned i = 0; i < call->getNumArgs() && fits; ++i) {
      QualType pt = ctor->getParamDecl(i)->getType().getNonReferenceType().getUnqualifiedType();
      QualType at = call->getArg(i)->getType().getNonReferenceType().getUnqualifiedType();
      fits = ctx_.hasSameUnqualifiedType(pt, at) ||
             (pt->isIntegralOrEnumerationType() && at->isIntegralOrEnumerationType()) ||
             (pt->getAsCXXRecordDecl() && at->getAsCXXRecordDecl() &&
              (M.typeModel(pt) && M.typeModel(pt) == M.typeModel(at)));
    }
    if (!fits || (ctor->isCopyOrMoveConstructor() && call->getNumArgs() != 1))
      continue;
    if (found)
      return nullptr; // ambiguous: stay silent
    found = ctor;
  }
  return found;
}

} // namespace chcheck::ir
