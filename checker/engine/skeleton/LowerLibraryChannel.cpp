// Channel operations of libraries whose channels are not Go's (a model's
// ChannelSemantics): channels that are objects made by their constructor,
// receives into an argument that return a status, and operations that do
// not block, lowered to what the analyses already interpret.
#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace chcheck::ir {

const ChannelSemantics *FunctionLowering::libraryOf(const Expr *channel) {
  if (!channel)
    return nullptr;
  QualType t = channel->getType().getNonReferenceType();
  if (t->isPointerType())
    t = t->getPointeeType();
  const TypeModel *tm = M.typeModel(t);
  return tm && tm->role == TypeRole::Channel ? tm->semantics : nullptr;
}

RecvUse FunctionLowering::statusUse(const Expr *call) {
  RecvUse use = recvUse(call);
  const Stmt *p = parents_.getParent(call);
  while (p && isa<ImplicitCastExpr, ParenExpr, ExprWithCleanups>(p))
    p = parents_.getParent(p);
  if (const auto *cast = dyn_cast_or_null<CStyleCastExpr>(p); cast && cast->getType()->isVoidType())
    use.used = true; // discarded on purpose: the author knows the value may be lost
  return use;
}

void FunctionLowering::makeChannelObject(PlaceId dst, const ChannelSemantics &library,
                                         llvm::ArrayRef<const Expr *> args, const Expr *site,
                                         SourceLocation loc) {
  Event e = event(EventKind::MakeChan, loc);
  e.site = site;
  e.dst = dst;
  e.library = &library;
  if (isa<CallExpr>(site)) // make_shared<buffered_channel<T>>(n): no variable names it
    e.operand = site;
  if (library.constructorCapacityArg < 0) {
    e.capacity = 0;
  } else if (static_cast<unsigned>(library.constructorCapacityArg) < args.size()) {
    Expr::EvalResult r;
    const Expr *cap = strip(args[library.constructorCapacityArg]);
    if (!cap->isValueDependent() && cap->EvaluateAsInt(r, ctx_)) {
      std::uint64_t n = r.Val.getInt().getZExtValue();
      e.requestedCapacity = n;
      if (n >= library.reservedSlots)
        e.capacity = n - library.reservedSlots;
    }
  }
  emit(std::move(e));
}

// pop(v) blocks like a receive and returns a status; try_push, try_pop and
// the timed operations are a select between the operation and a default
// case (a timed one may give up): their status is not followed, so branches
// on it are guesses.
void FunctionLowering::tryChannelOp(const CallExpr *call, const CallModel &m) {
  SourceLocation loc = call->getBeginLoc();
  const Expr *written = nullptr;
  PlaceId channel = objectOf(call, m.objectArg, &written);
  if (channel == kNoPlace)
    return;
  const Expr *value = m.extraArg >= 0 && static_cast<unsigned>(m.extraArg) < call->getNumArgs()
                          ? call->getArg(m.extraArg)
                          : nullptr;
  bool trackedValue = value && T.tracked(value->getType());
  if (m.op == Op::RecvInto) {
    Event e = event(EventKind::Recv, loc);
    e.src = channel;
    e.operand = written;
    e.site = call;
    e.library = libraryOf(written);
    if (trackedValue) {
      e.payload = placeOf(value);
      e.element = T.kind(value->getType());
    }
    if (e.library) {
      e.dst = temp();
      values_[call] = e.dst;
    }
    emit(std::move(e));
    return;
  }
  CaseInfo op;
  op.c.isSend = m.op == Op::TrySend;
  op.c.channel = channel;
  op.c.operand = written;
  op.c.loc = loc;
  if (op.c.isSend) {
    if (trackedValue) {
      op.c.value = valueOf(value);
      if (T.kind(value->getType()) == ValueKind::Aggregate)
        op.c.valueType = value->getType().getCanonicalType().getTypePtr();
    }
  } else {
    op.c.ok = temp();
    if (trackedValue)
      op.c.value = placeOf(value);
  }
  CaseInfo fallback;
  fallback.isDefault = true;
  lowerSelect(call, {op}, &fallback, libraryOf(written));
  Event status = event(EventKind::SetInt, loc);
  status.dst = temp();
  status.known = false;
  values_[call] = status.dst;
  emit(std::move(status));
}

} // namespace chcheck::ir
