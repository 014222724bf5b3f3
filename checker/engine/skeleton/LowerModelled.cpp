// Calls the API models describe: channel, WaitGroup, Cond, context and
// timer operations, locks, atomics, call_once, containers and smart
// pointers, each lowered to the events the analyses interpret.
#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace chcheck::ir {

void FunctionLowering::modelledCall(const CallExpr *call, const CallModel &m) {
  SourceLocation loc = call->getBeginLoc();
  const Expr *written = nullptr;
  // An event on the call's object (channel, lock, WaitGroup...): where it
  // is, as written, and the library whose channel it is (null: Go's).
  auto on = [&](EventKind k) {
    Event e = event(k, loc);
    e.src = objectOf(call, m.objectArg, &written);
    e.operand = written;
    e.site = call;
    e.library = libraryOf(written);
    return e;
  };
  auto simple = [&](EventKind k) {
    Event e = on(k);
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
  case Op::Send: {
    Event e = on(EventKind::Send);
    if (e.library) { // the status it returns
      result(e);
      e.recvUse = statusUse(call);
    }
    unsigned v = m.extraArg >= 0 ? static_cast<unsigned>(m.extraArg) : 0; // Asio: (error_code, value)
    if (call->getNumArgs() > v && T.tracked(call->getArg(v)->getType())) {
      e.payload = valueOf(call->getArg(v));
      e.element = T.kind(call->getArg(v)->getType());
      if (e.element == ValueKind::Aggregate)
        e.valueType = call->getArg(v)->getType().getCanonicalType().getTypePtr();
    }
    if (e.src != kNoPlace)
      emit(std::move(e));
    return;
  }
  case Op::Recv: {
    Event e = on(EventKind::Recv);
    e.recvUse = recvUse(call);
    if (T.tracked(call->getType())) {
      e.payload = temp();
      e.element = T.kind(call->getType());
      values_[call] = e.payload;
    }
    if (e.src != kNoPlace)
      emit(std::move(e));
    return;
  }
  case Op::RecvOk: {
    Event e = on(EventKind::RecvOk);
    PlaceId pair = temp();
    values_[call] = pair;
    e.dst = pairField(pair, call->getType(), 1);
    e.payload = pairField(pair, call->getType(), 0);
    if (const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(call->getType()->getAsCXXRecordDecl());
        spec && spec->getTemplateArgs().size() > 0 && spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      e.element = T.kind(spec->getTemplateArgs()[0].getAsType());
    if (e.src != kNoPlace)
      emit(std::move(e));
    return;
  }
  case Op::Close: {
    Event e = on(EventKind::Close);
    if (e.src != kNoPlace)
      emit(std::move(e));
    return;
  }
  case Op::RecvInto:
  case Op::TrySend:
  case Op::TryRecvInto:
    return tryChannelOp(call, m);
  case Op::ChannelReset: { // open and empty again: a new channel in the same object
    PlaceId ch = objectOf(call, m.objectArg, &written);
    if (const ChannelSemantics *library = libraryOf(written); ch != kNoPlace && library)
      makeChannelObject(ch, *library, {}, call, loc);
    return;
  }
  case Op::ChannelQuery: { // `if (ch.is_open()) send`: a guard the engine cannot read
    PlaceId ch = objectOf(call, m.objectArg, &written);
    if (ch != kNoPlace) {
      Event h = event(EventKind::Havoc, loc);
      h.dst = ch;
      emit(std::move(h));
    }
    return;
  }
  case Op::Len: {
    PlaceId ch = objectOf(call, m.objectArg, &written);
    if (ch == kNoPlace)
      return;
    Event e = event(EventKind::Len, loc);
    e.src = ch;
    e.dst = temp();
    e.operand = written;
    values_[call] = e.dst;
    emit(std::move(e));
    return;
  }
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
      if (!info.c.isSend) {
        info.c.ok = temp();
        info.c.value = temp();
      } else if (call->getNumArgs() > 1 && T.tracked(call->getArg(1)->getType())) {
        info.c.value = valueOf(call->getArg(1));
        if (T.kind(call->getArg(1)->getType()) == ValueKind::Aggregate)
          info.c.valueType = call->getArg(1)->getType().getCanonicalType().getTypePtr();
      }
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
    Event e = on(EventKind::WgAdd);
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
    } else if (const TypeModel *tm = M.typeModel(rd); tm && tm->semantics) {
      makeChannelObject(object, *tm->semantics, argsFrom(call, 0), call, loc);
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
  case Op::ContainerSize:
  case Op::ElementRemove:
  case Op::ContainerClear:
  case Op::ContainerReshape: // (lowerCall lowers it as an unknown call too)
    return sizeOp(call, m);
  case Op::ElementInsert:
  case Op::ElementGrow: {
    sizeOp(call, m);
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
  case Op::Reference:
    if (call->getNumArgs() == 1)
      values_[call] = placeOf(call->getArg(0));
    return;
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

} // namespace chcheck::ir
