// Sizes of containers, so that a loop over one runs as many times as the
// program says: `for (auto &t : tests)` and `for (i = 0; i < tests.size(); ++i)`
// over a vector built from an initializer list start exactly that many
// goroutines, instead of the explorer trying every count until its budget
// runs out.
//
// A sequence container's size is the int at its Size step.  It is written
// only where the code makes it certain: a construction from an initializer
// list, with a count, or by default; push_back and the like (one more),
// pop_back (one fewer), clear and resize (the ModelIndex says which call is
// which); a copy carries it (it is one of the container's parts,
// TypeFacts::parts).  Everything else that may change it makes it unknown:
// the other modifiers (ContainerReshape), an assignment we do not follow, a
// move from it, code we cannot see that may write the container (a Havoc of
// its parts).  A Size event reads it, and yields a fresh unknown unless it
// is a number, so an unknown size is what it was before sizes were tracked.
//
// Only containers whose elements are tracked have parts that follow them
// through copies, calls and captures; for the others, and for an element of
// a container (one summary place for all of them), the size is unknown.  A
// map's size is never computed: equal keys in an initializer list collapse.
#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace chcheck::ir {

// The number of elements a type fixes: a C array's bound, a container whose
// size is a template argument (std::array).
std::optional<std::int64_t> FunctionLowering::fixedCount(QualType t) {
  t = t.getNonReferenceType().getCanonicalType();
  if (const auto *array = dyn_cast<ConstantArrayType>(t.getTypePtr()))
    return static_cast<std::int64_t>(array->getSize().getZExtValue());
  if (!M.is(t, TypeRole::Container))
    return std::nullopt;
  if (const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl()))
    for (const TemplateArgument &a : spec->getTemplateArgs().asArray())
      if (a.getKind() == TemplateArgument::Integral)
        return a.getAsIntegral().getExtValue();
  return std::nullopt;
}

PlaceId FunctionLowering::sizeOf(PlaceId container, QualType t) {
  if (container == kNoPlace)
    return kNoPlace;
  t = t.getNonReferenceType();
  const TypeModel *tm = M.typeModel(t);
  if (!tm || tm->role != TypeRole::Container || tm->mapLike || fixedCount(t) ||
      T.kind(t) != ValueKind::Aggregate)
    return kNoPlace;
  for (const Step &s : P.get(container).steps)
    if (s.kind == StepKind::Element)
      return kNoPlace;
  return P.child(container, {StepKind::Size});
}

void FunctionLowering::setSize(PlaceId size, std::optional<std::int64_t> n, PlaceId src, SourceLocation loc) {
  if (size == kNoPlace)
    return;
  Event e = event(EventKind::SetInt, loc);
  e.dst = size;
  if (src != kNoPlace)
    e.src = src;
  else if (n)
    e.value = *n;
  else
    e.known = false;
  emit(std::move(e));
}

// A construction other than a copy or move (those copy the parts).
void FunctionLowering::constructedSize(PlaceId container, const CXXConstructExpr *ce) {
  PlaceId size = sizeOf(container, ce->getType());
  if (size == kNoPlace)
    return;
  SourceLocation loc = ce->getBeginLoc();
  if (ce->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(ce->getArg(0)))
    return setSize(size, 0, kNoPlace, loc);
  const Expr *first = strip(ce->getArg(0));
  if (const auto *il = dyn_cast<CXXStdInitializerListExpr>(first))
    if (const auto *list = dyn_cast<InitListExpr>(strip(il->getSubExpr())))
      return setSize(size, list->getNumInits(), kNoPlace, loc);
  if (first->getType()->isIntegerType())
    return setSize(size, std::nullopt, valueOf(ce->getArg(0)), loc);
  setSize(size, std::nullopt, kNoPlace, loc); // a range of iterators, ...
}

// A modelled call that reads or changes a container's size.
void FunctionLowering::sizeOp(const CallExpr *call, const CallModel &m) {
  const Expr *written = nullptr;
  PlaceId container = objectOf(call, m.objectArg, &written);
  QualType t = written ? written->getType() : QualType();
  if (!t.isNull() && t->isPointerType())
    t = t->getPointeeType();
  PlaceId size = t.isNull() ? kNoPlace : sizeOf(container, t);
  SourceLocation loc = call->getBeginLoc();
  switch (m.op) {
  case Op::ContainerSize: {
    PlaceId dst = temp();
    values_[call] = dst;
    if (std::optional<std::int64_t> n = t.isNull() ? std::nullopt : fixedCount(t))
      return setSize(dst, n, kNoPlace, loc);
    Event e = event(EventKind::Size, loc);
    e.dst = dst;
    e.src = size;
    emit(std::move(e));
    return;
  }
  case Op::ElementInsert:
  case Op::ElementRemove: {
    if (size == kNoPlace)
      return;
    Event e = event(EventKind::AddInt, loc);
    e.dst = size;
    e.value = m.op == Op::ElementInsert ? 1 : -1;
    emit(std::move(e));
    return;
  }
  case Op::ElementGrow: // resize(n) or resize(n, value)
    if (call->getNumArgs() >= 1 && call->getArg(0)->getType()->isIntegerType())
      return setSize(size, std::nullopt, valueOf(call->getArg(0)), loc);
    return setSize(size, std::nullopt, kNoPlace, loc);
  case Op::ContainerClear:
    return setSize(size, 0, kNoPlace, loc);
  default: // ContainerReshape
    return setSize(size, std::nullopt, kNoPlace, loc);
  }
}

// `c = {a, b}` or any other assignment that is not a copy or a move (those
// copy the parts).
void FunctionLowering::assignedSize(PlaceId container, QualType t, const Expr *rhs, SourceLocation loc) {
  PlaceId size = sizeOf(container, t);
  if (const auto *il = dyn_cast<CXXStdInitializerListExpr>(strip(rhs)))
    if (const auto *list = dyn_cast<InitListExpr>(strip(il->getSubExpr())))
      return setSize(size, list->getNumInits(), kNoPlace, loc);
  setSize(size, std::nullopt, kNoPlace, loc);
}

// A range-for over a container counts its iterations: a counter set to 0 by
// the begin statement, compared with the number of elements by the
// condition, incremented by the increment.  The number is read at every
// test (a fresh unknown each time unless it is certain, as an opaque test
// was).  Returns whether `s` was the condition or the increment (nothing
// else to lower: the iterators are not followed).
bool FunctionLowering::rangeForStatement(const Stmt *s) {
  const auto *rf = dyn_cast_or_null<CXXForRangeStmt>(parents_.getParent(s));
  if (!rf || (s != rf->getBeginStmt() && s != rf->getCond() && s != rf->getInc()))
    return false;
  const RangeCount *rc = rangeCount(rf);
  if (!rc)
    return false;
  SourceLocation loc = s->getBeginLoc();
  if (s == rf->getBeginStmt()) {
    setSize(rc->counter, 0, kNoPlace, loc);
    return false; // the begin iterator's declaration is lowered as any other
  }
  if (s == rf->getInc()) {
    Event e = event(EventKind::AddInt, loc);
    e.dst = rc->counter;
    e.value = 1;
    emit(std::move(e));
  } else if (rc->fixed) {
    setSize(rc->count, *rc->fixed, kNoPlace, loc);
  } else {
    Event e = event(EventKind::Size, loc);
    e.dst = rc->count;
    e.src = rc->size;
    e.result = rc->counter;
    emit(std::move(e));
  }
  return true;
}

// The counter and count of a range-for over a container, or null (a
// channel's range, or a range whose size no event can read).
const FunctionLowering::RangeCount *FunctionLowering::rangeCount(const CXXForRangeStmt *rf) {
  if (auto it = rangeCounts_.find(rf); it != rangeCounts_.end())
    return &it->second;
  const Expr *range = strip(rf->getRangeInit());
  if (!range || M.isChannel(range->getType()))
    return nullptr;
  RangeCount rc;
  if (const auto *il = dyn_cast<CXXStdInitializerListExpr>(range)) {
    if (const auto *list = dyn_cast<InitListExpr>(strip(il->getSubExpr())))
      rc.fixed = list->getNumInits();
  } else {
    rc.fixed = fixedCount(range->getType());
  }
  if (!rc.fixed) {
    if (!range->isGLValue())
      return nullptr;
    rc.size = sizeOf(placeOf(range), range->getType());
    if (rc.size == kNoPlace)
      return nullptr; // as before sizes were tracked: an opaque test
  }
  rc.counter = temp();
  rc.count = temp();
  return &(rangeCounts_[rf] = rc);
}

Condition FunctionLowering::rangeCondition(const CXXForRangeStmt *rf) {
  Condition c;
  c.site = rf;
  auto it = rangeCounts_.find(rf);
  if (it == rangeCounts_.end())
    return c;
  c.kind = Condition::Kind::IntLess;
  c.place = it->second.counter;
  c.other = it->second.count;
  return c;
}

} // namespace chcheck::ir
