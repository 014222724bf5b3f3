// Places of lvalues, values of expressions, and initialisation: how an
// expression's value reaches the place that holds it.
#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace chcheck::ir {

const Expr *strip(const Expr *e) {
  while (e) {
    e = e->IgnoreParenImpCasts();
    if (const auto *m = dyn_cast<MaterializeTemporaryExpr>(e))
      e = m->getSubExpr();
    else if (const auto *b = dyn_cast<CXXBindTemporaryExpr>(e))
      e = b->getSubExpr();
    else if (const auto *c = dyn_cast<ExprWithCleanups>(e))
      e = c->getSubExpr();
    else if (const auto *f = dyn_cast<CXXFunctionalCastExpr>(e);
             f && (f->getCastKind() == CK_NoOp || f->getCastKind() == CK_ConstructorConversion))
      e = f->getSubExpr();
    else if (const auto *s = dyn_cast<CXXStaticCastExpr>(e); s && s->getCastKind() == CK_NoOp)
      e = s->getSubExpr();
    else if (const auto *d = dyn_cast<CXXDefaultInitExpr>(e))
      e = d->getExpr();
    else if (const auto *a = dyn_cast<CXXDefaultArgExpr>(e))
      e = a->getExpr();
    else if (const auto *k = dyn_cast<ConstantExpr>(e))
      e = k->getSubExpr();
    else
      break;
  }
  return e;
}

bool isStdMoveLike(const CallExpr *call) {
  const FunctionDecl *fd = call->getDirectCallee();
  if (!fd || call->getNumArgs() != 1 || !fd->isInStdNamespace() || !fd->getIdentifier())
    return false;
  StringRef n = fd->getName();
  return n == "move" || n == "forward" || n == "as_const" || n == "ref" || n == "cref";
}

PlaceId FunctionLowering::root(RootKind k, std::uint32_t index) {
  return P.root({k, fd_, index});
}

PlaceId FunctionLowering::temp() { return root(RootKind::Temp, sk_.temps++); }

// `this` inside a lambda is the enclosing method's object, captured.
PlaceId FunctionLowering::thisObject() {
  return thisCapture_ != ~0u ? root(RootKind::Capture, thisCapture_) : root(RootKind::This);
}

PlaceId FunctionLowering::varPlace(const VarDecl *vd) {
  if (auto it = aliases_.find(vd); it != aliases_.end())
    return it->second;
  if (auto it = captureIndex_.find(vd); it != captureIndex_.end())
    return root(RootKind::Capture, it->second);
  if (const auto *parm = dyn_cast<ParmVarDecl>(vd); parm && parm->getDeclContext() == fd_)
    return root(RootKind::Param, parm->getFunctionScopeIndex());
  if (vd->hasGlobalStorage())
    return P.root({RootKind::Global, vd->getCanonicalDecl(), 0});
  return P.root({RootKind::Local, vd, 0});
}

// A map's element is its mapped value: `m[k]`, `it->second` and a
// structured binding's second name are the same place.
PlaceId FunctionLowering::fieldPlace(PlaceId base, const FieldDecl *field) {
  const Place &b = P.get(base);
  if (!b.steps.empty() && b.steps.back().kind == StepKind::Element && field->getName() == "second")
    if (const auto *rd = dyn_cast<CXXRecordDecl>(field->getParent());
        rd && rd->getQualifiedNameAsString() == "std::pair")
      return base;
  return P.child(base, {StepKind::Field, field});
}

PlaceId FunctionLowering::placeOf(const Expr *e) {
  e = strip(e);
  if (!e)
    return kNoPlace;
  if (auto it = values_.find(e); it != values_.end())
    return it->second;
  if (const auto *dre = dyn_cast<DeclRefExpr>(e)) {
    if (const auto *vd = dyn_cast<VarDecl>(dre->getDecl()))
      return varPlace(vd);
    if (const auto *bd = dyn_cast<BindingDecl>(dre->getDecl())) {
      if (const VarDecl *holder = bd->getHoldingVar())
        return varPlace(holder);
      return bd->getBinding() ? placeOf(bd->getBinding()) : kNoPlace;
    }
    return kNoPlace;
  }
  if (const auto *me = dyn_cast<MemberExpr>(e)) {
    if (const auto *vd = dyn_cast<VarDecl>(me->getMemberDecl()))
      return varPlace(vd); // a static member
    const auto *field = dyn_cast<FieldDecl>(me->getMemberDecl());
    if (!field)
      return kNoPlace;
    PlaceId object = kNoPlace;
    const Expr *base = strip(me->getBase());
    if (isa<CXXThisExpr>(base))
      object = thisObject();
    else if (me->isArrow()) {
      PlaceId ptr = valueOf(base);
      object = ptr == kNoPlace ? kNoPlace : P.child(ptr, {StepKind::Deref});
    } else {
      object = placeOf(base);
    }
    if (object == kNoPlace)
      return kNoPlace;
    PlaceId p = fieldPlace(object, field);
    return field->getType()->isReferenceType() ? P.child(p, {StepKind::Deref}) : p;
  }
  if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_Deref) {
    const Expr *sub = strip(u->getSubExpr());
    if (isa<CXXThisExpr>(sub))
      return thisObject();
    PlaceId ptr = valueOf(sub);
    return ptr == kNoPlace ? kNoPlace : P.child(ptr, {StepKind::Deref});
  }
  if (const auto *a = dyn_cast<ArraySubscriptExpr>(e)) {
    const Expr *base = strip(a->getBase());
    if (base->getType()->isArrayType()) {
      PlaceId array = placeOf(base);
      return array == kNoPlace ? kNoPlace : P.child(array, {StepKind::Element});
    }
    PlaceId ptr = valueOf(base);
    return ptr == kNoPlace ? kNoPlace : P.child(ptr, {StepKind::Deref});
  }
  if (const auto *call = dyn_cast<CallExpr>(e); call && isStdMoveLike(call))
    return placeOf(call->getArg(0));
  return kNoPlace;
}

PlaceId FunctionLowering::valueOf(const Expr *e) {
  e = strip(e);
  if (!e)
    return kNoPlace;
  if (auto it = values_.find(e); it != values_.end())
    return it->second;
  // A named constant (constexpr int kMode = 1) is its value, not a place
  // nothing ever writes.
  Expr::EvalResult constant;
  bool isConstant = (T.kind(e->getType()) == ValueKind::Int || T.kind(e->getType()) == ValueKind::Bool) &&
                    !e->isValueDependent() && e->EvaluateAsInt(constant, ctx_);
  if (e->isGLValue() && !isConstant)
    if (PlaceId p = placeOf(e); p != kNoPlace)
      return p;
  // A copy of a place (or a channel's direction view of it) is the place's
  // value: no temporary needed.
  if (const auto *ce = dyn_cast<CXXConstructExpr>(e); ce && ce->getNumArgs() >= 1) {
    const Expr *arg = strip(ce->getArg(0));
    bool view = M.isChannel(ce->getType()) && M.isChannel(arg->getType()) && !arg->isXValue();
    if (ce->getConstructor()->isCopyConstructor() || (view && arg->isGLValue()))
      return valueOf(ce->getArg(0));
  }
  if (!T.tracked(e->getType()) && !isa<LambdaExpr>(e))
    return kNoPlace;
  PlaceId t = temp();
  store(t, e, e->getType(), e->getBeginLoc());
  values_[e] = t;
  return t;
}

void FunctionLowering::copyFrom(PlaceId dst, PlaceId src, QualType type, SourceLocation loc, bool move,
                                bool weak) {
  if (dst == kNoPlace || src == kNoPlace || dst == src)
    return;
  ValueKind kind = T.kind(type);
  if (kind == ValueKind::Bool || kind == ValueKind::Int) {
    Event e = event(kind == ValueKind::Bool ? EventKind::SetBool : EventKind::SetInt, loc);
    e.dst = dst;
    e.src = src;
    e.weak = weak;
    emit(std::move(e));
    return;
  }
  Event e = event(move ? EventKind::Move : EventKind::Copy, loc);
  e.dst = dst;
  e.src = src;
  e.weak = weak;
  if (T.kind(type) == ValueKind::Aggregate)
    e.valueType = type.getNonReferenceType().getCanonicalType().getTypePtr();
  emit(std::move(e));
}

static bool isNullLiteral(const Expr *e) {
  return isa<CXXNullPtrLiteralExpr, GNUNullExpr, ImplicitValueInitExpr, CXXScalarValueInitExpr>(e) ||
         (isa<IntegerLiteral>(e) && cast<IntegerLiteral>(e)->getValue() == 0 &&
          e->getType()->isPointerType());
}

void FunctionLowering::store(PlaceId dst, const Expr *init, QualType type, SourceLocation loc, bool weak) {
  ValueKind kind = T.kind(type);
  const Expr *e = strip(init);
  if (dst == kNoPlace || !e || (kind == ValueKind::None && !isa<LambdaExpr>(e)))
    return;
  if (auto it = values_.find(e); it != values_.end())
    return copyFrom(dst, it->second, type, loc, false, weak);

  // std::atomic<T> a{v} (or a(v)) holds v; a{} and, since C++20, a
  // default-constructed one hold zero.
  if (const auto *ce = dyn_cast<CXXConstructExpr>(e);
      ce && (kind == ValueKind::Bool || kind == ValueKind::Int) && M.is(type, TypeRole::Atomic)) {
    if (ce->getNumArgs() == 1)
      return store(dst, ce->getArg(0), ce->getArg(0)->getType(), loc, weak);
    if (ce->getNumArgs() == 0 && (ce->isListInitialization() || ctx_.getLangOpts().CPlusPlus20)) {
      Event z = event(kind == ValueKind::Bool ? EventKind::SetBool : EventKind::SetInt, loc);
      z.dst = dst;
      z.weak = weak;
      z.value = 0;
      emit(std::move(z));
      return;
    }
  }
  if (kind == ValueKind::Bool || kind == ValueKind::Int) {
    Event s = event(kind == ValueKind::Bool ? EventKind::SetBool : EventKind::SetInt, loc);
    s.dst = dst;
    s.weak = weak;
    Expr::EvalResult r;
    if (!e->isValueDependent() && e->EvaluateAsInt(r, ctx_)) {
      s.value = r.Val.getInt().getExtValue();
    } else if (const auto *cb = dyn_cast<CXXBoolLiteralExpr>(e)) {
      s.value = cb->getValue();
    } else if (PlaceId src = e->isGLValue() ? placeOf(e) : kNoPlace; src != kNoPlace && src != dst) {
      return copyFrom(dst, src, type, loc, false, weak);
    } else {
      s.known = false;
    }
    emit(std::move(s));
    return;
  }

  if (const auto *ce = dyn_cast<CXXConstructExpr>(e))
    return construct(dst, ce);
  if (const auto *list = dyn_cast<InitListExpr>(e)) {
    if (list->isSyntacticForm() && list->getSemanticForm())
      list = list->getSemanticForm();
    if (const CXXRecordDecl *rd = type->getAsCXXRecordDecl(); rd && !M.typeModel(rd))
      return initFields(dst, rd, list, loc);
    if (type->isArrayType() || type->getAsCXXRecordDecl()) {
      QualType element = type->isArrayType() ? ctx_.getAsArrayType(type)->getElementType() : QualType();
      PlaceId elements = P.child(dst, {StepKind::Element});
      // std::array<T, N>{...} is an aggregate around a C array.
      if (element.isNull() && list->getNumInits() == 1)
        if (const auto *inner = dyn_cast<InitListExpr>(strip(list->getInit(0))))
          list = inner;
      for (unsigned i = 0; i < list->getNumInits(); ++i)
        store(elements, list->getInit(i), element.isNull() ? list->getInit(i)->getType() : element, loc,
              weak || i > 0);
      if (list->hasArrayFiller() && !element.isNull() && T.kind(element) == ValueKind::Reference) {
        Event n = event(EventKind::SetNull, loc);
        n.dst = elements;
        n.weak = list->getNumInits() > 0;
        emit(std::move(n));
      }
    }
    return;
  }
  if (isNullLiteral(e)) {
    Event n = event(EventKind::SetNull, loc);
    n.dst = dst;
    n.weak = weak;
    emit(std::move(n));
    return;
  }
  if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf) {
    const Expr *sub = strip(u->getSubExpr());
    if (const auto *dre = dyn_cast<DeclRefExpr>(sub); dre && isa<FunctionDecl>(dre->getDecl())) {
      Event c = event(EventKind::MakeClosure, loc);
      c.dst = dst;
      if (const FunctionDecl *f = definitionOf(cast<FunctionDecl>(dre->getDecl())))
        c.callees.push_back(f);
      c.site = e;
      emit(std::move(c));
      return;
    }
    Event a = event(EventKind::AddrOf, loc);
    a.dst = dst;
    a.src = placeOf(sub);
    a.weak = weak;
    if (a.src != kNoPlace)
      emit(std::move(a));
    return;
  }
  if (isa<CXXThisExpr>(e)) {
    Event a = event(EventKind::AddrOf, loc);
    a.dst = dst;
    a.src = thisObject();
    emit(std::move(a));
    return;
  }
  if (const auto *le = dyn_cast<LambdaExpr>(e))
    return makeClosure(dst, le);
  if (const auto *dre = dyn_cast<DeclRefExpr>(e); dre && isa<FunctionDecl>(dre->getDecl())) {
    Event c = event(EventKind::MakeClosure, loc);
    c.dst = dst;
    if (const FunctionDecl *f = definitionOf(cast<FunctionDecl>(dre->getDecl())))
      c.callees.push_back(f);
    c.site = e;
    emit(std::move(c));
    return;
  }
  if (const auto *ne = dyn_cast<CXXNewExpr>(e)) {
    if (ne->isArray())
      return;
    Event a = event(EventKind::Alloc, loc);
    a.dst = dst;
    a.site = ne;
    a.cls = ne->getAllocatedType()->getAsCXXRecordDecl();
    emit(std::move(a));
    PlaceId object = P.root({RootKind::Heap, ne, 0});
    if (const CXXConstructExpr *ce = ne->getConstructExpr())
      construct(object, ce);
    else if (const Expr *i = ne->getInitializer())
      store(object, i, ne->getAllocatedType(), loc);
    return;
  }
  if (const auto *co = dyn_cast<AbstractConditionalOperator>(e)) {
    store(dst, co->getTrueExpr(), type, loc, true);
    store(dst, co->getFalseExpr(), type, loc, true);
    return;
  }
  if (const auto *call = dyn_cast<CallExpr>(e); call && isStdMoveLike(call)) {
    PlaceId src = placeOf(call->getArg(0));
    return copyFrom(dst, src, type, loc, false, weak);
  }
  if (e->isGLValue())
    if (PlaceId src = placeOf(e); src != kNoPlace)
      return copyFrom(dst, src, type, loc, false, weak);
  // Something we do not follow produced the value.
  havoc(dst, type, loc, weak);
}

// A value made without an initializer: handles, pointers and callables are
// null, containers' elements (and a C array's) are default handles, a
// class's fields get their default member initializers.
void FunctionLowering::defaultConstruct(PlaceId dst, QualType type, SourceLocation loc, unsigned depth) {
  if (dst == kNoPlace || depth > 4)
    return;
  type = type.getCanonicalType();
  auto setNull = [&](PlaceId p) {
    Event n = event(EventKind::SetNull, loc);
    n.dst = p;
    emit(std::move(n));
  };
  if (const auto *array = dyn_cast<ConstantArrayType>(type.getTypePtr()))
    return defaultConstruct(P.child(dst, {StepKind::Element}), array->getElementType(), loc, depth + 1);
  const CXXRecordDecl *rd = type->getAsCXXRecordDecl();
  if (!rd)
    return;
  const TypeModel *tm = M.typeModel(rd);
  if (!tm)
    return initFields(dst, rd, nullptr, loc);
  switch (tm->role) {
  case TypeRole::Channel:
  case TypeRole::Callable:
  case TypeRole::SmartPointer:
  case TypeRole::Context:
    return setNull(dst);
  case TypeRole::Container:
    setSize(sizeOf(dst, type), 0, kNoPlace, loc);
    if (const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(rd);
        spec && spec->getTemplateArgs().size() > (tm->mapLike ? 1u : 0u)) {
      const TemplateArgument &arg = spec->getTemplateArgs()[tm->mapLike ? 1 : 0];
      if (arg.getKind() == TemplateArgument::Type)
        defaultConstruct(P.child(dst, {StepKind::Element}), arg.getAsType(), loc, depth + 1);
    }
    return;
  default:
    return;
  }
}

void FunctionLowering::havoc(PlaceId dst, QualType type, SourceLocation loc, bool weak) {
  ValueKind kind = T.kind(type);
  if (dst == kNoPlace || kind == ValueKind::None || kind == ValueKind::Storage)
    return;
  Event h = event(EventKind::Havoc, loc);
  if (kind == ValueKind::Bool || kind == ValueKind::Int) {
    h.kind = kind == ValueKind::Bool ? EventKind::SetBool : EventKind::SetInt;
    h.known = false;
  }
  h.dst = dst;
  h.weak = weak;
  if (kind == ValueKind::Aggregate)
    h.valueType = type.getNonReferenceType().getCanonicalType().getTypePtr();
  emit(std::move(h));
}

void FunctionLowering::declare(const VarDecl *vd) {
  if (aliases_.count(vd))
    return; // a structured binding's holding variable, named when its decomposition was
  QualType t = vd->getType();
  const Expr *init = vd->getInit();
  // The loop variable of a range-for over a container names its elements.
  if (init)
    if (const Stmt *ds = parents_.getParent(init))
      if (const auto *rangeFor = dyn_cast_or_null<CXXForRangeStmt>(parents_.getParent(ds));
          rangeFor && rangeFor->getLoopVariable() == vd) {
        const Expr *range = strip(rangeFor->getRangeInit());
        if (M.isChannel(range->getType()))
          return; // the received value
        PlaceId container = placeOf(range);
        if (container == kNoPlace)
          return;
        PlaceId elements = P.child(container, {StepKind::Element});
        if (t->isReferenceType())
          aliases_[vd] = elements;
        else if (T.tracked(t))
          copyFrom(varPlace(vd), elements, t, vd->getLocation(), false, false);
        return;
      }
  if (t->isReferenceType()) {
    if (init) {
      PlaceId p = placeOf(init);
      if (p == kNoPlace && T.tracked(t))
        p = valueOf(init); // a reference bound to a temporary
      if (p != kNoPlace)
        aliases_[vd] = p;
    }
    return;
  }
  if (const auto *dd = dyn_cast<DecompositionDecl>(vd)) {
    // The hidden variable holds the value; bindings name its parts.
    if (init && T.tracked(t))
      store(varPlace(dd), init, t, vd->getLocation());
    // Through the tuple protocol each binding has a holding variable bound to
    // get<i>(hidden); for std::pair (what recv_ok returns) that is its i-th
    // field, which the events write.
    const auto *pair = t->getAsCXXRecordDecl();
    bool isPair = pair && pair->isInStdNamespace() && pair->getName() == "pair";
    unsigned index = 0;
    for (const BindingDecl *b : dd->bindings()) {
      const VarDecl *holder = b->getHoldingVar();
      if (holder && isPair) {
        auto field = pair->field_begin();
        std::advance(field, index);
        if (field != pair->field_end())
          aliases_[holder] = P.child(varPlace(dd), {StepKind::Field, *field});
      } else if (holder) {
        declare(holder);
      }
      ++index;
    }
    return;
  }
  if (!T.tracked(t))
    return;
  PlaceId self = varPlace(vd);
  if (init) {
    store(self, init, t, vd->getLocation());
    return;
  }
  // No initializer: default construction.
  defaultConstruct(self, t, vd->getLocation());
}

// A struct made by aggregate initialisation or its implicit default
// constructor: each tracked field gets its initializer, its default member
// initializer, or its default (nil for handles).
void FunctionLowering::initFields(PlaceId base, const CXXRecordDecl *rd, const InitListExpr *list,
                                  SourceLocation loc) {
  if (!rd || !rd->hasDefinition())
    return;
  rd = rd->getDefinition();
  unsigned index = 0;
  if (list)
    for (const CXXBaseSpecifier &b : rd->bases()) {
      (void)b;
      ++index; // bases come first in an aggregate's initializer list
    }
  for (const FieldDecl *field : rd->fields()) {
    const Expr *init = list && index < list->getNumInits() ? list->getInit(index) : nullptr;
    ++index;
    QualType ft = field->getType();
    if (!T.tracked(ft))
      continue;
    PlaceId p = fieldPlace(base, field);
    if (init && !isa<ImplicitValueInitExpr>(init)) {
      if (ft->isReferenceType()) {
        Event a = event(EventKind::AddrOf, loc);
        a.dst = p;
        a.src = placeOf(init);
        if (a.src != kNoPlace)
          emit(std::move(a));
      } else {
        store(p, init, ft, loc);
      }
    } else if (field->hasInClassInitializer() && field->getInClassInitializer()) {
      store(p, field->getInClassInitializer(), ft, loc);
    } else {
      defaultConstruct(p, ft, loc);
    }
  }
}

void FunctionLowering::makeClosure(PlaceId dst, const LambdaExpr *le) {
  Event c = event(EventKind::MakeClosure, le->getBeginLoc());
  c.dst = dst;
  c.site = le;
  if (const FunctionDecl *op = definitionOf(le->getCallOperator()))
    c.callees.push_back(op);
  const CXXRecordDecl *closure = le->getLambdaClass();
  llvm::DenseMap<const ValueDecl *, FieldDecl *> fields;
  FieldDecl *thisField = nullptr;
  closure->getCaptureFields(fields, thisField);
  PlaceId object = P.root({RootKind::Heap, le, 0});
  std::uint32_t i = 0;
  std::vector<const Expr *> inits(le->capture_init_begin(), le->capture_init_end());
  for (const LambdaCapture &cap : le->captures()) {
    const Expr *init = i < inits.size() ? inits[i] : nullptr;
    if (cap.capturesThis()) {
      c.args.push_back({i, thisObject(),
                        true});
    } else if (cap.capturesVariable()) {
      const ValueDecl *var = cap.getCapturedVar();
      if (cap.getCaptureKind() == LCK_ByRef) {
        PlaceId p = init ? placeOf(init) : kNoPlace;
        if (p == kNoPlace)
          if (const auto *vd = dyn_cast<VarDecl>(var))
            p = varPlace(vd);
        if (p != kNoPlace)
          c.args.push_back({i, p, true});
      } else if (FieldDecl *field = fields.lookup(var); field && init && T.tracked(field->getType())) {
        PlaceId slot = P.child(object, {StepKind::Field, field});
        store(slot, init, field->getType(), le->getBeginLoc());
        c.args.push_back({i, slot, false});
      }
    }
    ++i;
  }
  emit(std::move(c));
}

// Whether an assignment through `lhs` writes every element of its
// container: the reference loop variable of a range-for over it, or
// `v[i]` with `i` the counter of the enclosing for loop.  Go's
// `for i := range v { v[i] = make(chan T) }` is written this way in C++.
bool FunctionLowering::writtenInLoopOver(const Expr *lhs, const Expr *) const {
  lhs = strip(lhs);
  if (const auto *dre = dyn_cast<DeclRefExpr>(lhs)) {
    const auto *vd = dyn_cast<VarDecl>(dre->getDecl());
    if (!vd || !vd->getType()->isReferenceType())
      return false;
    for (const Stmt *p = parents_.getParent(lhs); p; p = parents_.getParent(p))
      if (const auto *rf = dyn_cast<CXXForRangeStmt>(p); rf && rf->getLoopVariable() == vd)
        return true;
    return false;
  }
  const Expr *index = nullptr;
  if (const auto *oc = dyn_cast<CXXOperatorCallExpr>(lhs); oc && oc->getOperator() == OO_Subscript &&
                                                           oc->getNumArgs() == 2)
    index = strip(oc->getArg(1));
  else if (const auto *as = dyn_cast<ArraySubscriptExpr>(lhs))
    index = strip(as->getIdx());
  const auto *idx = dyn_cast_or_null<DeclRefExpr>(index);
  if (!idx)
    return false;
  for (const Stmt *p = parents_.getParent(lhs); p; p = parents_.getParent(p))
    if (const auto *f = dyn_cast<ForStmt>(p))
      if (const auto *ds = dyn_cast_or_null<DeclStmt>(f->getInit()); ds && ds->isSingleDecl() &&
                                                                   ds->getSingleDecl() == idx->getDecl())
        return true;
  return false;
}

void FunctionLowering::assignBuiltin(const BinaryOperator *bo) {
  const Expr *lhs = bo->getLHS();
  QualType t = lhs->getType();
  if (!T.tracked(t))
    return;
  PlaceId dst = placeOf(lhs);
  if (dst == kNoPlace)
    return;
  bool weak = false;
  for (const Step &s : P.get(dst).steps)
    weak |= s.kind == StepKind::Element;
  weak = weak && !writtenInLoopOver(lhs, nullptr);
  if (bo->getOpcode() == BO_Assign)
    return store(dst, bo->getRHS(), t, bo->getOperatorLoc(), weak);
  Event e = event(EventKind::SetInt, bo->getOperatorLoc());
  e.dst = dst;
  Expr::EvalResult r;
  if ((bo->getOpcode() == BO_AddAssign || bo->getOpcode() == BO_SubAssign) &&
      T.kind(t) == ValueKind::Int && !bo->getRHS()->isValueDependent() &&
      bo->getRHS()->EvaluateAsInt(r, ctx_)) {
    e.kind = EventKind::AddInt;
    e.value = r.Val.getInt().getExtValue() * (bo->getOpcode() == BO_SubAssign ? -1 : 1);
  } else {
    e.kind = T.kind(t) == ValueKind::Bool ? EventKind::SetBool : EventKind::SetInt;
    e.known = false;
    if (T.kind(t) == ValueKind::Reference || T.kind(t) == ValueKind::Aggregate)
      return; // pointer arithmetic stays within the same object
  }
  emit(std::move(e));
}

void FunctionLowering::increment(const UnaryOperator *uo) {
  const Expr *sub = uo->getSubExpr();
  if (T.kind(sub->getType()) != ValueKind::Int)
    return;
  PlaceId p = placeOf(sub);
  if (p == kNoPlace)
    return;
  Event e = event(EventKind::AddInt, uo->getOperatorLoc());
  e.dst = p;
  e.value = uo->isIncrementOp() ? 1 : -1;
  emit(std::move(e));
}

} // namespace chcheck::ir
