// The CFG walk: one skeleton node per CFG block (more where a select or a
// call_once splits one), edges with the branch conditions the analyses can
// evaluate, then a reduction that drops empty pass-through nodes.
#include "Lowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace chcheck::ir {

FunctionLowering::FunctionLowering(Skeletons &skeletons, const FunctionDecl *fd, Skeleton &out)
    : S(skeletons), P(skeletons.places()), M(skeletons.models()), T(skeletons.types()),
      ctx_(skeletons.context()), fd_(fd), sk_(out), parents_(fd->getBody()) {}

std::uint32_t FunctionLowering::newNode() {
  sk_.nodes.emplace_back();
  return static_cast<std::uint32_t>(sk_.nodes.size() - 1);
}

Event FunctionLowering::event(EventKind k, SourceLocation loc) const {
  Event e;
  e.kind = k;
  e.loc = loc;
  return e;
}

void FunctionLowering::emit(Event e) {
  if (summarisedCall_ && e.kind == EventKind::Havoc)
    e.summarised = true;
  sk_.nodes[cur_].events.push_back(std::move(e));
}

std::vector<std::uint32_t> FunctionLowering::branch(unsigned n, Condition cond) {
  std::vector<std::uint32_t> targets;
  for (unsigned i = 0; i < n; ++i)
    targets.push_back(newNode());
  sk_.nodes[cur_].succs = targets;
  sk_.nodes[cur_].cond = cond;
  return targets;
}

bool FunctionLowering::run() {
  CFG::BuildOptions opts;
  opts.setAllAlwaysAdd();
  opts.AddInitializers = true;
  opts.AddImplicitDtors = true;
  opts.AddTemporaryDtors = false;
  opts.AddCXXDefaultInitExprInCtors = true;
  cfg_ = CFG::buildCFG(fd_, fd_->getBody(), &ctx_, opts);
  if (!cfg_)
    return false;

  sk_.function = fd_;
  for (const ParmVarDecl *p : fd_->parameters())
    sk_.params.push_back(p);
  if (const auto *method = dyn_cast<CXXMethodDecl>(fd_); method && method->getParent()->isLambda()) {
    std::uint32_t i = 0;
    for (const LambdaCapture &c : method->getParent()->captures()) {
      if (c.capturesThis())
        thisCapture_ = i;
      else if (c.capturesVariable())
        captureIndex_[c.getCapturedVar()] = i;
      sk_.captures.push_back(c.capturesVariable() ? c.getCapturedVar() : nullptr);
      ++i;
    }
  }

  // Nodes 0, 1, 2: entry, normal exit, exceptional exit.
  newNode();
  sk_.exit = newNode();
  throwExit_ = newNode();
  sk_.nodes[throwExit_].throws = true;

  // Blocks in reverse post-order, so an expression is lowered before the
  // expressions (in later blocks) that consume its value.
  std::vector<const CFGBlock *> order;
  {
    llvm::SmallPtrSet<const CFGBlock *, 32> seen;
    std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>> stack;
    const CFGBlock *entry = &cfg_->getEntry();
    seen.insert(entry);
    stack.emplace_back(entry, entry->succ_begin());
    while (!stack.empty()) {
      auto &[b, it] = stack.back();
      if (it == b->succ_end()) {
        order.push_back(b);
        stack.pop_back();
        continue;
      }
      const CFGBlock *next = it->getReachableBlock();
      ++it;
      if (next && seen.insert(next).second)
        stack.emplace_back(next, next->succ_begin());
    }
    std::reverse(order.begin(), order.end());
  }

  llvm::DenseMap<const CFGBlock *, std::uint32_t> first, last;
  for (const CFGBlock *b : order) {
    if (b == &cfg_->getEntry()) {
      first[b] = last[b] = 0;
      continue;
    }
    if (b == &cfg_->getExit()) {
      first[b] = last[b] = sk_.exit;
      continue;
    }
    first[b] = cur_ = newNode();
    lowerBlock(b);
    last[b] = cur_;
  }

  for (const CFGBlock *b : order) {
    if (b == &cfg_->getExit())
      continue;
    cur_ = last[b];
    bool throws = false, noReturn = b->hasNoReturnElement();
    if (!b->empty())
      if (auto s = b->back().getAs<CFGStmt>(); s && isa<CXXThrowExpr>(s->getStmt()))
        throws = true;
    auto target = [&](const CFGBlock *succ) -> std::uint32_t {
      if (succ == &cfg_->getExit() &&
          (throws || noReturn || isa_and_nonnull<CXXTryStmt>(b->getTerminatorStmt())))
        return throwExit_;
      return first.lookup(succ);
    };
    std::vector<const CFGBlock *> succs;
    for (const CFGBlock::AdjacentBlock &s : b->succs())
      succs.push_back(s.getReachableBlock());
    const Stmt *term = b->getTerminatorStmt();
    if (succs.size() == 2 && succs[0] && succs[1] && term && !isa<CXXTryStmt>(term)) {
      Condition cond;
      bool negated = false;
      if (const auto *rangeFor = dyn_cast<CXXForRangeStmt>(term)) {
        if (auto it = rangeChannels_.find(rangeFor); it != rangeChannels_.end()) {
          PlaceId received = temp();
          Event e = event(EventKind::RangeNext, rangeFor->getRangeInit()->getBeginLoc());
          e.src = it->second;
          e.dst = received;
          e.site = rangeFor->getRangeInit();
          e.operand = rangeFor->getRangeInit();
          if (const VarDecl *v = rangeFor->getLoopVariable(); v && T.tracked(v->getType()) &&
                                                              !v->getType()->isReferenceType()) {
            e.payload = varPlace(v);
            e.element = T.kind(v->getType());
          }
          emit(std::move(e));
          cond = {Condition::Kind::Bool, received};
        } else {
          cond = rangeCondition(rangeFor);
        }
      } else if (const Expr *c = dyn_cast_or_null<Expr>(b->getTerminatorCondition())) {
        cond = lowerCondition(c, negated);
      } else {
        cond.site = term;
      }
      sk_.nodes[cur_].cond = cond;
      std::uint32_t t = target(succs[0]), f = target(succs[1]);
      sk_.nodes[cur_].succs = negated ? std::vector<std::uint32_t>{f, t} : std::vector<std::uint32_t>{t, f};
      continue;
    }
    if (isa_and_nonnull<SwitchStmt>(term)) {
      lowerSwitch(b, target);
      continue;
    }
    std::vector<std::uint32_t> targets;
    for (const CFGBlock *s : succs)
      if (s)
        targets.push_back(target(s));
    sk_.nodes[cur_].succs = targets;
    if (targets.size() > 1)
      sk_.nodes[cur_].cond.site = term; // try dispatch, computed goto: any of them
  }

  reduce();
  markLoopHeads();
  for (const Node &n : sk_.nodes)
    if (!n.events.empty())
      sk_.hasEvents = true;
  return true;
}

void FunctionLowering::lowerBlock(const CFGBlock *b) {
  for (const CFGElement &el : *b)
    lowerElement(el);
}

void FunctionLowering::lowerElement(const CFGElement &el) {
  switch (el.getKind()) {
  case CFGElement::Statement:
  case CFGElement::Constructor:
  case CFGElement::CXXRecordTypedCall:
    return lowerStatement(el.castAs<CFGStmt>().getStmt());
  case CFGElement::Initializer: {
    const CXXCtorInitializer *init = el.castAs<CFGInitializer>().getInitializer();
    const Expr *e = init->getInit();
    if (init->isMemberInitializer()) {
      const FieldDecl *field = init->getMember();
      PlaceId place = fieldPlace(root(RootKind::This), field);
      if (field->getType()->isReferenceType()) {
        Event a = event(EventKind::AddrOf, init->getSourceLocation());
        a.dst = place;
        a.src = placeOf(e);
        if (a.src != kNoPlace)
          emit(std::move(a));
      } else if (T.tracked(field->getType())) {
        store(place, e, field->getType(), init->getSourceLocation());
      }
    } else if (init->isBaseInitializer()) {
      if (const auto *ce = dyn_cast<CXXConstructExpr>(strip(e)))
        construct(root(RootKind::This), ce);
    }
    return;
  }
  case CFGElement::AutomaticObjectDtor: {
    auto d = el.castAs<CFGAutomaticObjDtor>();
    const VarDecl *vd = d.getVarDecl();
    destruct(varPlace(vd), vd->getType(), d.getTriggerStmt() ? d.getTriggerStmt()->getEndLoc()
                                                              : vd->getLocation(),
             vd);
    return;
  }
  case CFGElement::DeleteDtor: {
    auto d = el.castAs<CFGDeleteDtor>();
    const CXXDeleteExpr *del = d.getDeleteExpr();
    PlaceId ptr = valueOf(del->getArgument());
    if (ptr != kNoPlace && !del->isArrayForm())
      destruct(P.child(ptr, {StepKind::Deref}), del->getDestroyedType(), del->getBeginLoc(), nullptr);
    return;
  }
  case CFGElement::MemberDtor: {
    const FieldDecl *field = el.castAs<CFGMemberDtor>().getFieldDecl();
    destruct(fieldPlace(root(RootKind::This), field), field->getType(), fd_->getEndLoc(), nullptr);
    return;
  }
  case CFGElement::BaseDtor: {
    const CXXBaseSpecifier *base = el.castAs<CFGBaseDtor>().getBaseSpecifier();
    destruct(root(RootKind::This), base->getType(), fd_->getEndLoc(), nullptr);
    return;
  }
  default:
    return;
  }
}

void FunctionLowering::lowerStatement(const Stmt *s) {
  if (rangeForStatement(s))
    return;
  if (const auto *ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : ds->decls())
      if (const auto *vd = dyn_cast<VarDecl>(d))
        declare(vd);
    return;
  }
  if (const auto *call = dyn_cast<CallExpr>(s))
    return lowerCall(call);
  if (const auto *bo = dyn_cast<BinaryOperator>(s)) {
    if (bo->isAssignmentOp())
      assignBuiltin(bo);
    return;
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(s)) {
    if (uo->isIncrementDecrementOp())
      increment(uo);
    return;
  }
  if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
    const Expr *value = ret->getRetValue();
    QualType rt = fd_->getReturnType();
    if (!value || !T.tracked(rt))
      return;
    PlaceId slot = root(RootKind::Return);
    if (rt->isReferenceType()) {
      Event e = event(EventKind::AddrOf, ret->getBeginLoc());
      e.dst = slot;
      e.src = placeOf(value);
      if (e.src != kNoPlace)
        emit(std::move(e));
      return;
    }
    store(slot, value, rt, ret->getBeginLoc());
    return;
  }
  // A temporary constructed as a statement of its own (an RAII object
  // constructed and destroyed at once, a constructor run for its effects).
  if (const auto *ce = dyn_cast<CXXConstructExpr>(s)) {
    const Stmt *parent = parents_.getParent(ce);
    while (parent && isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
                         CXXFunctionalCastExpr>(parent))
      parent = parents_.getParent(parent);
    if (parent && isa<CompoundStmt>(parent) && T.tracked(ce->getType())) {
      PlaceId t = temp();
      construct(t, ce);
      destruct(t, ce->getType(), ce->getEndLoc(), nullptr);
    }
  }
}

// The branch condition as an evaluable Condition; `negated` is set when the
// condition is the negation of what the Condition tests.
Condition FunctionLowering::lowerCondition(const Expr *cond, bool &negated) {
  Condition c;
  c.site = cond;
  const Expr *e = strip(cond);
  while (true) {
    if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_LNot) {
      negated = !negated;
      e = strip(u->getSubExpr());
      continue;
    }
    break;
  }
  if (const auto *ice = dyn_cast<ImplicitCastExpr>(cond->IgnoreParens());
      ice && ice->getCastKind() == CK_PointerToBoolean) {
    if (PlaceId p = valueOf(ice->getSubExpr()); p != kNoPlace)
      return {Condition::Kind::NotNull, p};
  }
  if (const auto *ice = dyn_cast<ImplicitCastExpr>(e); ice && ice->getCastKind() == CK_PointerToBoolean)
    if (PlaceId p = valueOf(ice->getSubExpr()); p != kNoPlace)
      return {Condition::Kind::NotNull, p};
  // `if (ch)`, `if (sp)`, `if (f)`: explicit operator bool of a handle.
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    if (isa_and_nonnull<CXXConversionDecl>(mc->getMethodDecl()) && mc->getImplicitObjectArgument()) {
      const Expr *obj = mc->getImplicitObjectArgument()->IgnoreParenBaseCasts();
      if (const TypeModel *tm = M.typeModel(obj->getType());
          tm && tm->role != TypeRole::Atomic)
        if (PlaceId p = placeOf(obj); p != kNoPlace)
          return {Condition::Kind::NotNull, p};
    }
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    const Expr *l = strip(bo->getLHS()), *r = strip(bo->getRHS());
    auto constant = [&](const Expr *x, std::int64_t &v) {
      Expr::EvalResult result;
      if (x->isValueDependent() || !x->EvaluateAsInt(result, ctx_))
        return false;
      v = result.Val.getInt().getExtValue();
      return true;
    };
    auto isNull = [](const Expr *x) {
      return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(x) ||
             (isa<IntegerLiteral>(x) && cast<IntegerLiteral>(x)->getValue() == 0);
    };
    BinaryOperatorKind op = bo->getOpcode();
    if ((op == BO_EQ || op == BO_NE) && l->getType()->isPointerType() && (isNull(r) || isNull(l))) {
      PlaceId p = valueOf(isNull(r) ? bo->getLHS() : bo->getRHS());
      if (p != kNoPlace) {
        if (op == BO_EQ)
          negated = !negated;
        return {Condition::Kind::NotNull, p};
      }
    }
    std::int64_t v = 0;
    bool rightConst = constant(r, v);
    if (!rightConst && constant(l, v)) { // `N > i` is `i < N`
      std::swap(l, r);
      switch (op) {
      case BO_GT: op = BO_LT; break;
      case BO_GE: op = BO_LE; break;
      case BO_LT: op = BO_GT; break;
      case BO_LE: op = BO_GE; break;
      default: break;
      }
      rightConst = true;
    }
    // `i < n`: two tracked integers (a counter against a bound).
    if (!rightConst && l->getType()->isIntegralOrEnumerationType() && !l->getType()->isBooleanType() &&
        r->getType()->isIntegralOrEnumerationType() && !r->getType()->isBooleanType()) {
      PlaceId lp = valueOf(l), rp = valueOf(r);
      if (lp != kNoPlace && rp != kNoPlace) {
        Condition cmp{Condition::Kind::IntLess, lp};
        cmp.other = rp;
        switch (op) {
        case BO_LT: return cmp;
        case BO_GE: negated = !negated; return cmp;
        case BO_GT: std::swap(cmp.place, cmp.other); return cmp;
        case BO_LE: std::swap(cmp.place, cmp.other); negated = !negated; return cmp;
        case BO_EQ: cmp.kind = Condition::Kind::IntEq; return cmp;
        case BO_NE: cmp.kind = Condition::Kind::IntEq; negated = !negated; return cmp;
        default: break;
        }
      }
    }
    if (rightConst && (l->getType()->isIntegralOrEnumerationType() && !l->getType()->isBooleanType())) {
      PlaceId p = valueOf(l);
      if (p != kNoPlace) {
        switch (op) {
        case BO_LT: return {Condition::Kind::IntLess, p, v};
        case BO_LE: return {Condition::Kind::IntLess, p, v + 1};
        case BO_GE: negated = !negated; return {Condition::Kind::IntLess, p, v};
        case BO_GT: negated = !negated; return {Condition::Kind::IntLess, p, v + 1};
        case BO_EQ: return {Condition::Kind::IntEq, p, v};
        case BO_NE: negated = !negated; return {Condition::Kind::IntEq, p, v};
        default: break;
        }
      }
    }
  }
  if (e->getType()->isBooleanType() || M.is(e->getType(), TypeRole::Atomic)) {
    if (PlaceId p = valueOf(e); p != kNoPlace)
      return {Condition::Kind::Bool, p};
  }
  negated = false;
  return c;
}

// A switch on a tracked integer becomes a chain of equality tests; on
// anything else, a node whose successors are all possible.
void FunctionLowering::lowerSwitch(const CFGBlock *b,
                                   const std::function<std::uint32_t(const CFGBlock *)> &target) {
  const auto *sw = cast<SwitchStmt>(b->getTerminatorStmt());
  PlaceId value = sw->getCond()->getType()->isIntegralOrEnumerationType() ? valueOf(sw->getCond())
                                                                           : kNoPlace;
  std::vector<std::pair<std::int64_t, std::uint32_t>> cases;
  std::vector<std::uint32_t> all;
  std::uint32_t otherwise = sk_.exit;
  bool constantCases = value != kNoPlace;
  for (const CFGBlock::AdjacentBlock &s : b->succs()) {
    const CFGBlock *succ = s.getReachableBlock();
    if (!succ)
      continue;
    std::uint32_t t = target(succ);
    all.push_back(t);
    if (const auto *cs = dyn_cast_or_null<CaseStmt>(succ->getLabel())) {
      Expr::EvalResult r;
      if (!cs->getRHS() && !cs->getLHS()->isValueDependent() && cs->getLHS()->EvaluateAsInt(r, ctx_))
        cases.emplace_back(r.Val.getInt().getExtValue(), t);
      else
        constantCases = false;
    } else {
      otherwise = t;
    }
  }
  if (!constantCases) {
    sk_.nodes[cur_].succs = all;
    sk_.nodes[cur_].cond.site = sw;
    return;
  }
  for (auto &[v, t] : cases) {
    std::uint32_t next = newNode();
    sk_.nodes[cur_].succs = {t, next};
    sk_.nodes[cur_].cond = {Condition::Kind::IntEq, value, v};
    cur_ = next;
  }
  sk_.nodes[cur_].succs = {otherwise};
}

void FunctionLowering::reduce() {
  // Forward empty, unconditional nodes to their single successor.
  std::vector<std::uint32_t> forward(sk_.nodes.size());
  for (std::uint32_t i = 0; i < sk_.nodes.size(); ++i)
    forward[i] = i;
  auto resolve = [&](std::uint32_t n) {
    std::uint32_t steps = 0;
    while (forward[n] != n && ++steps < sk_.nodes.size())
      n = forward[n];
    return n;
  };
  for (std::uint32_t i = 3; i < sk_.nodes.size(); ++i) {
    const Node &n = sk_.nodes[i];
    if (n.events.empty() && n.succs.size() == 1 && n.succs[0] != i)
      forward[i] = n.succs[0];
  }
  for (Node &n : sk_.nodes)
    for (std::uint32_t &s : n.succs)
      s = resolve(s);
  // Drop unreachable nodes, keeping 0..2 in place.
  std::vector<std::uint32_t> renumber(sk_.nodes.size(), ~0u);
  std::vector<std::uint32_t> work = {0, sk_.exit, throwExit_};
  std::vector<bool> seen(sk_.nodes.size(), false);
  for (std::uint32_t w : work)
    seen[w] = true;
  for (std::size_t i = 0; i < work.size(); ++i)
    for (std::uint32_t s : sk_.nodes[work[i]].succs)
      if (!seen[s]) {
        seen[s] = true;
        work.push_back(s);
      }
  std::vector<Node> kept;
  for (std::uint32_t i = 0; i < sk_.nodes.size(); ++i)
    if (seen[i]) {
      renumber[i] = static_cast<std::uint32_t>(kept.size());
      kept.push_back(std::move(sk_.nodes[i]));
    }
  for (Node &n : kept)
    for (std::uint32_t &s : n.succs)
      s = renumber[s];
  sk_.nodes = std::move(kept);
  sk_.exit = renumber[sk_.exit];
}

void FunctionLowering::markLoopHeads() {
  enum : std::uint8_t { White, Grey, Black };
  std::vector<std::uint8_t> color(sk_.nodes.size(), White);
  std::vector<std::pair<std::uint32_t, std::size_t>> stack = {{0, 0}};
  color[0] = Grey;
  while (!stack.empty()) {
    auto &[n, i] = stack.back();
    if (i == sk_.nodes[n].succs.size()) {
      color[n] = Black;
      stack.pop_back();
      continue;
    }
    std::uint32_t s = sk_.nodes[n].succs[i++];
    if (color[s] == Grey)
      sk_.nodes[s].loopHead = true;
    else if (color[s] == White) {
      color[s] = Grey;
      stack.emplace_back(s, 0);
    }
  }
}

} // namespace chcheck::ir
