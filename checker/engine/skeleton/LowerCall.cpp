// Calls: to functions we have (a Call event the analyses interpret with the
// callee's skeleton), virtual calls (every visible override), calls through
// callables, modelled library operations, and the unknown (whatever it gets
// escapes).  Also constructors, destructors, lock guards, spawns and selects.
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

static std::vector<const Expr *> argsFrom(const CallExpr *call, unsigned first) {
  std::vector<const Expr *> out;
  for (unsigned i = first; i < call->getNumArgs(); ++i)
    out.push_back(call->getArg(i));
  return out;
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
void FunctionLowering::unknownCall(const CallExpr *call, const FunctionDecl *callee, unsigned firstArg) {
  bool library = callee && (callee->isInStdNamespace() ||
                            ctx_.getSourceManager().isInSystemHeader(callee->getLocation()));
  for (unsigned i = firstArg; i < call->getNumArgs(); ++i) {
    const Expr *arg = call->getArg(i);
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

void FunctionLowering::callFunctions(const CallExpr *call, std::vector<const FunctionDecl *> callees,
                                     PlaceId thisPlace, unsigned firstArg, bool virtualCall) {
  std::vector<const FunctionDecl *> defs;
  bool unknown = false;
  for (const FunctionDecl *c : callees) {
    const FunctionDecl *def = definitionOf(c);
    if (!def || !S.analysable(def)) {
      unknown = true;
      continue;
    }
    if (S.relevant(def))
      defs.push_back(def);
    else if (virtualCall)
      defs.push_back(def); // an override that does nothing is one of the possibilities
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

void FunctionLowering::lowerCall(const CallExpr *call) {
  if (const CallModel *m = M.callModel(call))
    return modelledCall(call, *m);
  const FunctionDecl *callee = call->getDirectCallee();
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
      return store(dst, rhs, t, call->getBeginLoc(), weak);
    }
  }

  if (callee && M.inModelledLibrary(callee) && !callee->isInStdNamespace())
    return; // the modelled library's own plumbing (range iterators, ...)

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

void FunctionLowering::modelledCall(const CallExpr *call, const CallModel &m) {
  SourceLocation loc = call->getBeginLoc();
  const Expr *written = nullptr;
  auto simple = [&](EventKind k) {
    Event e = event(k, loc);
    e.src = objectOf(call, m.objectArg, &written);
    e.operand = written;
    e.site = call;
    if (e.src != kNoPlace)
      emit(std::move(e));
  };
  auto result = [&](Event &e) {
    e.dst = temp();
    values_[call] = e.dst;
  };
  switch (m.op) {
  case Op::MakeChan: {
    Event e = event(EventKind::MakeChan, loc);
    e.site = call;
    if (m.extraArg >= 0 && static_cast<unsigned>(m.extraArg) < call->getNumArgs()) {
      Expr::EvalResult r;
      const Expr *cap = strip(call->getArg(m.extraArg));
      if (!cap->isValueDependent() && cap->EvaluateAsInt(r, ctx_))
        e.capacity = r.Val.getInt().getZExtValue();
    } else {
      e.capacity = 0;
    }
    result(e);
    emit(std::move(e));
    return;
  }
  case Op::Send:
    // A channel sent as a value goes where we cannot follow.
    for (const Expr *arg : call->arguments())
      if (T.kind(arg->getType()) == ValueKind::Reference || T.kind(arg->getType()) == ValueKind::Aggregate)
        escape(valueOf(arg), arg->getType(), false, loc);
    return simple(EventKind::Send);
  case Op::Recv: {
    Event e = event(EventKind::Recv, loc);
    e.src = objectOf(call, m.objectArg, &written);
    e.operand = written;
    e.site = call;
    e.recvUse = recvUse(call);
    if (T.tracked(call->getType())) {
      PlaceId t = temp();
      values_[call] = t;
      if (e.src != kNoPlace)
        emit(std::move(e));
      havoc(t, call->getType(), loc);
      return;
    }
    if (e.src != kNoPlace)
      emit(std::move(e));
    return;
  }
  case Op::RecvOk: {
    Event e = event(EventKind::RecvOk, loc);
    e.src = objectOf(call, m.objectArg, &written);
    e.operand = written;
    e.site = call;
    PlaceId pair = temp();
    values_[call] = pair;
    e.dst = pairField(pair, call->getType(), 1);
    if (e.src != kNoPlace)
      emit(std::move(e));
    return;
  }
  case Op::Close:
    return simple(EventKind::Close);
  case Op::Len:
    return;
  case Op::RangeBegin: {
    PlaceId ch = objectOf(call, m.objectArg, &written);
    for (const Stmt *p = parents_.getParent(call); p; p = parents_.getParent(p))
      if (const auto *rf = dyn_cast<CXXForRangeStmt>(p)) {
        rangeChannels_[rf] = ch;
        break;
      }
    return;
  }
  case Op::SelectRecvCase:
  case Op::SelectSendCase:
  case Op::SelectDefaultCase: {
    CaseInfo info;
    info.isDefault = m.op == Op::SelectDefaultCase;
    info.c.isSend = m.op == Op::SelectSendCase;
    info.c.loc = loc;
    if (!info.isDefault) {
      info.c.channel = objectOf(call, m.objectArg, &written);
      info.c.operand = written;
      if (!info.c.isSend)
        info.c.ok = temp();
      else if (call->getNumArgs() > 1 && T.kind(call->getArg(1)->getType()) != ValueKind::None)
        escape(valueOf(call->getArg(1)), call->getArg(1)->getType(), false, loc);
    }
    if (m.extraArg >= 0 && static_cast<unsigned>(m.extraArg) < call->getNumArgs())
      info.callback = valueOf(call->getArg(m.extraArg));
    selectCases_[call] = info;
    return;
  }
  case Op::Select:
    return select(call);
  case Op::Go:
    if (call->getNumArgs() > 0)
      spawn(kNoPlace, call->getArg(0), argsFrom(call, 1), call);
    return;
  case Op::WgAdd: {
    Event e = event(EventKind::WgAdd, loc);
    e.src = objectOf(call, m.objectArg, &written);
    e.operand = written;
    e.site = call;
    Expr::EvalResult r;
    const Expr *delta = m.extraArg >= 0 && static_cast<unsigned>(m.extraArg) < call->getNumArgs()
                            ? strip(call->getArg(m.extraArg))
                            : nullptr;
    e.known = delta && !delta->isValueDependent() && delta->EvaluateAsInt(r, ctx_);
    if (e.known)
      e.value = r.Val.getInt().getExtValue();
    if (e.src != kNoPlace)
      emit(std::move(e));
    return;
  }
  case Op::WgDone:
    return simple(EventKind::WgDone);
  case Op::WgWait:
    return simple(EventKind::WgWait);
  case Op::Lock:
  case Op::Unlock:
  case Op::TryLock:
  case Op::LockShared:
  case Op::UnlockShared:
  case Op::TryLockShared:
    return lockOp(call, m);
  case Op::LockAll: {
    Event e = event(EventKind::LockAll, loc);
    e.site = call;
    for (const Expr *arg : call->arguments())
      if (PlaceId p = placeOf(arg); p != kNoPlace)
        e.places.push_back(p);
    emit(std::move(e));
    return;
  }
  case Op::RLockerOf: {
    PlaceId rw = objectOf(call, m.objectArg, &written);
    PlaceId t = temp();
    values_[call] = t;
    Event a = event(EventKind::AddrOf, loc);
    a.dst = P.child(t, {StepKind::Lock});
    a.src = rw;
    if (rw != kNoPlace)
      emit(std::move(a));
    setBool(P.child(t, {StepKind::Flag}), true, loc);
    return;
  }
  case Op::CondWait:
    return simple(EventKind::CondWait);
  case Op::CondSignal:
    return simple(EventKind::CondSignal);
  case Op::CondBroadcast:
    return simple(EventKind::CondBroadcast);
  case Op::Background: {
    PlaceId t = temp();
    values_[call] = t;
    Event n = event(EventKind::SetNull, loc);
    n.dst = t;
    emit(std::move(n));
    return;
  }
  case Op::WithCancel:
  case Op::WithTimeout: {
    PlaceId pair = temp();
    values_[call] = pair;
    Event e = event(EventKind::MakeContext, loc);
    e.site = call;
    e.dst = pairField(pair, call->getType(), 0);
    e.result = pairField(pair, call->getType(), 1);
    e.src = call->getNumArgs() > 0 ? valueOf(call->getArg(0)) : kNoPlace;
    e.timer = m.op == Op::WithTimeout;
    if (e.dst != kNoPlace)
      emit(std::move(e));
    return;
  }
  case Op::CtxDone: {
    PlaceId ctx = objectOf(call, m.objectArg, &written);
    PlaceId t = temp();
    values_[call] = t;
    copyFrom(t, ctx, call->getType(), loc, false, false);
    return;
  }
  case Op::After: {
    Event e = event(EventKind::After, loc);
    e.site = call;
    result(e);
    emit(std::move(e));
    return;
  }
  case Op::Allocate: {
    const CXXRecordDecl *ptr = call->getType()->getAsCXXRecordDecl();
    const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(ptr);
    if (!spec || spec->getTemplateArgs().size() == 0 ||
        spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return;
    QualType pointee = spec->getTemplateArgs()[0].getAsType();
    if (!T.tracked(pointee))
      return;
    Event a = event(EventKind::Alloc, loc);
    a.site = call;
    a.cls = pointee->getAsCXXRecordDecl();
    result(a);
    emit(std::move(a));
    PlaceId object = P.root({RootKind::Heap, call, 0});
    const CXXRecordDecl *rd = pointee->getAsCXXRecordDecl();
    if (rd && !M.typeModel(rd)) {
      if (const CXXConstructorDecl *ctor = allocatedConstructor(call, rd)) {
        const FunctionDecl *def = definitionOf(ctor);
        if (def && S.analysable(def)) {
          if (S.relevant(def)) {
            Event c = event(EventKind::Call, loc);
            c.callees = {def};
            c.site = call;
            c.args = bind(def, argsFrom(call, 0), false);
            c.args.push_back({Binding::kThisParam, object, true});
            emit(std::move(c));
          }
        } else if (!ctor->isUserProvided() && call->getNumArgs() == 0) {
          initFields(object, rd, nullptr, loc);
        } else {
          havoc(object, pointee, loc);
        }
      } else if (call->getNumArgs() == 0) {
        initFields(object, rd, nullptr, loc);
      } else {
        havoc(object, pointee, loc);
      }
    } else if (call->getNumArgs() == 1) {
      store(object, call->getArg(0), pointee, loc);
    } else if (call->getNumArgs() == 0 && rd) {
      if (const TypeModel *tm = M.typeModel(rd); tm && tm->role == TypeRole::Channel) {
        Event n = event(EventKind::SetNull, loc);
        n.dst = object;
        emit(std::move(n));
      }
    }
    return;
  }
  case Op::PointerGet: {
    PlaceId sp = objectOf(call, m.objectArg, &written);
    if (sp == kNoPlace)
      return;
    const FunctionDecl *callee = call->getDirectCallee();
    bool deref = callee && callee->getOverloadedOperator() == OO_Star;
    values_[call] = deref ? P.child(sp, {StepKind::Deref}) : sp;
    return;
  }
  case Op::PointerReset:
  case Op::PointerRelease: {
    PlaceId sp = objectOf(call, m.objectArg, &written);
    const TypeModel *tm = written ? M.typeModel(written->getType()) : nullptr;
    if (sp == kNoPlace)
      return;
    if (m.op == Op::PointerRelease) {
      PlaceId t = temp();
      copyFrom(t, sp, call->getType(), loc, false, false);
      values_[call] = t;
    } else if (tm && tm->unique) {
      if (const auto *spec =
              dyn_cast_or_null<ClassTemplateSpecializationDecl>(written->getType()->getAsCXXRecordDecl()))
        destruct(P.child(sp, {StepKind::Deref}), spec->getTemplateArgs()[0].getAsType(), loc, nullptr, 1);
    }
    if (m.op == Op::PointerReset && call->getNumArgs() > 0)
      return store(sp, call->getArg(0), written->getType(), loc);
    Event n = event(EventKind::SetNull, loc);
    n.dst = sp;
    emit(std::move(n));
    return;
  }
  case Op::ElementAccess: {
    PlaceId c = objectOf(call, m.objectArg, &written);
    if (c != kNoPlace)
      values_[call] = P.child(c, {StepKind::Element});
    return;
  }
  case Op::ElementInsert:
  case Op::ElementGrow: {
    PlaceId c = objectOf(call, m.objectArg, &written);
    if (c == kNoPlace || !written)
      return;
    PlaceId elements = P.child(c, {StepKind::Element});
    const auto *spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(written->getType()->getAsCXXRecordDecl());
    QualType element = spec && spec->getTemplateArgs().size() > 0 &&
                               spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type
                           ? spec->getTemplateArgs()[0].getAsType()
                           : QualType();
    if (element.isNull() || !T.tracked(element))
      return;
    if (M.is(element, TypeRole::Thread) && call->getNumArgs() > 0) {
      if (!M.is(call->getArg(0)->getType(), TypeRole::Thread))
        return spawn(elements, call->getArg(0), argsFrom(call, 1), call);
    }
    if (m.op == Op::ElementGrow || call->getNumArgs() == 0) {
      if (T.kind(element) == ValueKind::Reference) {
        Event n = event(EventKind::SetNull, loc);
        n.dst = elements;
        n.weak = true;
        emit(std::move(n));
      }
      return;
    }
    if (call->getNumArgs() == 1)
      store(elements, call->getArg(0), element, loc, true);
    return;
  }
  case Op::Invoke: {
    PlaceId callable = objectOf(call, m.objectArg, &written);
    if (callable == kNoPlace)
      return;
    Event e = event(EventKind::Call, loc);
    e.callable = callable;
    e.site = call;
    if (const FunctionDecl *op = call->getDirectCallee())
      e.args = bind(op, argsFrom(call, 1), false);
    if (T.tracked(call->getType())) {
      e.result = temp();
      values_[call] = e.result;
    }
    emit(std::move(e));
    return;
  }
  case Op::CallOnce:
    return callOnce(call, m);
  case Op::AtomicLoad: {
    PlaceId a = objectOf(call, m.objectArg, &written);
    if (a == kNoPlace)
      return;
    PlaceId t = temp();
    copyFrom(t, a, call->getType(), loc, false, false);
    values_[call] = t;
    return;
  }
  case Op::AtomicStore:
  case Op::AtomicExchange: {
    PlaceId a = objectOf(call, m.objectArg, &written);
    unsigned valueArg = isa<CXXOperatorCallExpr>(call) ? 1 : 0;
    if (a == kNoPlace || valueArg >= call->getNumArgs())
      return;
    if (m.op == Op::AtomicExchange) {
      PlaceId t = temp();
      copyFrom(t, a, call->getType(), loc, false, false);
      values_[call] = t;
    }
    store(a, call->getArg(valueArg), call->getArg(valueArg)->getType(), loc);
    return;
  }
  case Op::AtomicCompareExchange: {
    PlaceId a = objectOf(call, m.objectArg, &written);
    if (a == kNoPlace || call->getNumArgs() < 2)
      return;
    Event e = event(EventKind::CompareExchange, loc);
    e.src = a;
    e.site = call;
    PlaceId expected = placeOf(call->getArg(0));
    if (expected == kNoPlace)
      return;
    e.places.push_back(expected);
    Expr::EvalResult r;
    const Expr *desired = strip(call->getArg(1));
    e.known = !desired->isValueDependent() && desired->EvaluateAsInt(r, ctx_);
    if (e.known)
      e.value = r.Val.getInt().getExtValue();
    result(e);
    emit(std::move(e));
    return;
  }
  case Op::ThreadJoin:
    return simple(EventKind::Join);
  case Op::GuardLock:
  case Op::GuardUnlock:
  case Op::GuardTryLock:
  case Op::GuardRelease: {
    PlaceId g = objectOf(call, m.objectArg, &written);
    const TypeModel *tm = written ? M.typeModel(written->getType()) : nullptr;
    if (g == kNoPlace || !tm)
      return;
    PlaceId mutex = P.child(P.child(g, {StepKind::Lock}), {StepKind::Deref});
    PlaceId owns = P.child(g, {StepKind::Flag});
    if (m.op == Op::GuardRelease) {
      setBool(owns, false, loc);
      Event n = event(EventKind::SetNull, loc);
      n.dst = P.child(g, {StepKind::Lock});
      emit(std::move(n));
      return;
    }
    Event e = event(m.op == Op::GuardLock     ? EventKind::Lock
                    : m.op == Op::GuardUnlock ? EventKind::Unlock
                                              : EventKind::TryLock,
                    loc);
    e.src = mutex;
    e.shared = tm->sharedGuard;
    e.site = call;
    e.operand = written;
    lockTraits(e, written->getType());
    if (m.op == Op::GuardTryLock) {
      e.dst = owns;
      values_[call] = owns;
      emit(std::move(e));
      return;
    }
    emit(std::move(e));
    setBool(owns, m.op == Op::GuardLock, loc);
    return;
  }
  }
}

// What the lock's type says about re-locking and readers.
void FunctionLowering::lockTraits(Event &e, QualType mutexType) {
  const TypeModel *tm = M.typeModel(mutexType);
  if (tm && tm->role == TypeRole::RLocker) {
    e.writerPriority = true; // only chan::RWMutex has an rlocker()
    return;
  }
  if (const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          mutexType.getNonReferenceType()->getAsCXXRecordDecl());
      tm && tm->role == TypeRole::LockGuard && spec && spec->getTemplateArgs().size() > 0 &&
      spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    tm = M.typeModel(spec->getTemplateArgs()[0].getAsType());
  if (!tm || tm->role != TypeRole::Mutex)
    return;
  e.recursive = tm->recursive;
  e.writerPriority = tm->writerPriority;
}

void FunctionLowering::lockOp(const CallExpr *call, const CallModel &m) {
  const Expr *written = nullptr;
  PlaceId mutex = objectOf(call, m.objectArg, &written);
  if (mutex == kNoPlace)
    return;
  bool shared = m.op == Op::LockShared || m.op == Op::UnlockShared || m.op == Op::TryLockShared;
  EventKind k = (m.op == Op::Lock || m.op == Op::LockShared)       ? EventKind::Lock
                : (m.op == Op::Unlock || m.op == Op::UnlockShared) ? EventKind::Unlock
                                                                   : EventKind::TryLock;
  // An RLocker is a pointer to its RWMutex's read side.
  if (written && M.is(written->getType(), TypeRole::RLocker)) {
    mutex = P.child(P.child(mutex, {StepKind::Lock}), {StepKind::Deref});
    shared = true;
  }
  Event e = event(k, call->getBeginLoc());
  e.src = mutex;
  e.shared = shared;
  e.site = call;
  e.operand = written;
  if (written)
    lockTraits(e, written->getType());
  if (k == EventKind::TryLock) {
    e.dst = temp();
    values_[call] = e.dst;
  }
  emit(std::move(e));
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
    case TypeRole::Context:
    case TypeRole::Callable:
    case TypeRole::SmartPointer:
      if (ce->getNumArgs() == 0)
        return setNull(dst);
      return store(dst, ce->getArg(0), t, loc);
    case TypeRole::Container: {
      if (ce->getNumArgs() == 0)
        return defaultConstruct(dst, t, loc);
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
    case TypeRole::Thread:
      if (ce->getNumArgs() >= 1) {
        std::vector<const Expr *> rest;
        for (unsigned i = 1; i < ce->getNumArgs(); ++i)
          rest.push_back(ce->getArg(i));
        spawn(dst, ce->getArg(0), rest, ce);
      }
      return;
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

// The function a callable expression names, when it does so statically.
const FunctionDecl *FunctionLowering::callableFunction(const Expr *e) {
  e = strip(e);
  if (const auto *le = dyn_cast_or_null<LambdaExpr>(e))
    return definitionOf(le->getCallOperator());
  if (const auto *u = dyn_cast_or_null<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf)
    e = strip(u->getSubExpr());
  if (const auto *dre = dyn_cast_or_null<DeclRefExpr>(e))
    if (const auto *f = dyn_cast<FunctionDecl>(dre->getDecl()))
      return definitionOf(f);
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
    for (const Expr *a : args)
      escape(valueOf(a), a->getType(), false, site->getBeginLoc());
    if (value != kNoPlace)
      escape(value, c->getType(), false, site->getBeginLoc());
    return;
  }
  emit(std::move(g));
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
  Event s = event(EventKind::Select, call->getBeginLoc());
  s.site = call;
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
