// Skeletons of functions defined in other translation units, built from
// their summaries (chcheck/Summaries.h): the effects phase 1 found, in an
// order that adds no order the callee does not have.  Sends come first and
// see the caller's state as the callee saw its entry state; then the closes
// (one per channel, behind an unknown branch unless on every path); then the
// overwrites, which leave the caller's references and flags unknown.
// Operations behind a branch on a caller's flag stay behind it.
#include "Skeletons.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

#include <optional>

using namespace clang;

namespace chcheck::ir {

std::string usrOf(const Decl *d) {
  llvm::SmallString<128> usr;
  if (!d || index::generateUSRForDecl(d, usr))
    return {};
  return std::string(usr);
}

namespace {

const FieldDecl *findField(const CXXRecordDecl *rd, llvm::StringRef name) {
  if (!rd || !rd->hasDefinition())
    return nullptr;
  rd = rd->getDefinition();
  for (const FieldDecl *f : rd->fields())
    if (f->getName() == name)
      return f;
  for (const CXXBaseSpecifier &b : rd->bases())
    if (const FieldDecl *f = findField(b.getType()->getAsCXXRecordDecl(), name))
      return f;
  return nullptr;
}

class SummaryLowering {
public:
  SummaryLowering(Skeletons &skeletons, const FunctionDecl *fd, Skeleton &out)
      : S(skeletons), P(skeletons.places()), fd_(fd), sk_(out) {}

  // False when a place it writes cannot be found here: a summary that
  // leaves out an overwrite would keep the caller sure of a stale value.
  bool run(const FunctionSummary &summary) {
    sk_.function = fd_;
    for (const ParmVarDecl *p : fd_->parameters())
      sk_.params.push_back(p);
    sk_.nodes.emplace_back();
    for (const SummaryOp &op : summary.ops)
      if (!op.close)
        add(op);
    for (const SummaryOp &op : summary.ops)
      if (op.close)
        add(op);
    for (const SummaryPath &w : summary.writes) {
      QualType type;
      std::optional<PlaceId> place = resolve(w, type);
      if (!place)
        return false;
      Event h = event(EventKind::Havoc, SourceLocation());
      h.dst = *place;
      if (S.types().kind(type) == ValueKind::Aggregate)
        h.valueType = type.getNonReferenceType().getCanonicalType().getTypePtr();
      emit(std::move(h));
      Event b = event(EventKind::SetBool, SourceLocation());
      b.dst = *place;
      b.known = false;
      emit(std::move(b));
    }
    // The result is what reaches the exit node, before its events.
    sk_.exit = newNode();
    sk_.nodes[cur_].succs = {sk_.exit};
    for (const Node &n : sk_.nodes)
      sk_.hasEvents |= !n.events.empty();
    return true;
  }

private:
  Event event(EventKind k, SourceLocation loc) const {
    Event e;
    e.kind = k;
    e.loc = loc;
    return e;
  }
  void emit(Event e) { sk_.nodes[cur_].events.push_back(std::move(e)); }

  // Continues in the successor `taken` (0: true) of a two-way branch on
  // `cond`; the other one joins at the node returned.
  std::uint32_t branch(Condition cond, unsigned taken) {
    std::uint32_t yes = newNode(), no = newNode(), join = newNode();
    sk_.nodes[cur_].succs = {yes, no};
    sk_.nodes[cur_].cond = cond;
    sk_.nodes[taken == 0 ? no : yes].succs = {join};
    cur_ = taken == 0 ? yes : no;
    return join;
  }
  std::uint32_t newNode() {
    sk_.nodes.emplace_back();
    return static_cast<std::uint32_t>(sk_.nodes.size() - 1);
  }

  void add(const SummaryOp &op) {
    QualType type;
    std::optional<PlaceId> channel = resolve(op.channel, type);
    SourceLocation at = location(op.at);
    if (!channel || at.isInvalid())
      return; // an operation left out is a finding left out
    std::vector<std::uint32_t> joins;
    for (const SummaryGuard &g : op.guards) {
      QualType flagType;
      std::optional<PlaceId> flag = resolve(g.flag, flagType);
      if (!flag)
        return;
      Condition c;
      c.kind = Condition::Kind::Bool;
      c.place = *flag;
      joins.push_back(branch(c, g.value ? 0 : 1));
    }
    if (op.close && !op.definite) {
      Condition c;
      c.site = &op; // an unknown branch of its own
      joins.push_back(branch(c, 0));
    }
    Event e = event(op.close ? EventKind::Close : EventKind::Send, at);
    e.src = *channel;
    emit(std::move(e));
    for (auto it = joins.rbegin(); it != joins.rend(); ++it) {
      sk_.nodes[cur_].succs = {*it};
      cur_ = *it;
    }
  }

  // The place in this translation unit's terms, with its type.
  std::optional<PlaceId> resolve(const SummaryPath &path, QualType &type) {
    PlaceId place;
    if (path.root == SummaryPath::kThis) {
      const auto *m = dyn_cast<CXXMethodDecl>(fd_);
      if (!m || m->isStatic())
        return std::nullopt;
      place = P.root({RootKind::This, fd_, 0});
      type = S.context().getRecordType(m->getParent());
    } else {
      if (path.root < 0 || static_cast<unsigned>(path.root) >= fd_->getNumParams())
        return std::nullopt;
      place = P.root({RootKind::Param, fd_, static_cast<std::uint32_t>(path.root)});
      type = fd_->getParamDecl(static_cast<unsigned>(path.root))->getType().getNonReferenceType();
    }
    for (const std::string &step : path.steps) {
      QualType t = type.getCanonicalType();
      if (step == "*") {
        if (!t->isPointerType())
          return std::nullopt;
        type = t->getPointeeType();
        place = P.child(place, {StepKind::Deref});
        continue;
      }
      const FieldDecl *field = findField(t->getAsCXXRecordDecl(), step);
      if (!field)
        return std::nullopt;
      type = field->getType().getNonReferenceType();
      place = P.child(place, {StepKind::Field, field});
    }
    return place;
  }

  // The point in another file, read into this translation unit's source
  // manager so notes and findings can name it.
  SourceLocation location(const SourcePoint &p) {
    SourceManager &sm = S.context().getSourceManager();
    auto file = sm.getFileManager().getOptionalFileRef(p.file);
    if (!file || p.line == 0)
      return {};
    FileID id = sm.getOrCreateFileID(*file, SrcMgr::C_User);
    return sm.translateLineCol(id, p.line, std::max(1u, p.column));
  }

  Skeletons &S;
  PlaceTable &P;
  const FunctionDecl *fd_;
  Skeleton &sk_;
  std::uint32_t cur_ = 0;
};

} // namespace

const FunctionSummary *Skeletons::summaryOf(const FunctionDecl *fd) {
  if (!summaries_ || !fd || summaries_->empty())
    return nullptr;
  auto it = summaries_->find(usrOf(fd->getCanonicalDecl()));
  return it == summaries_->end() || it->second.params != fd->getNumParams() ? nullptr : &it->second;
}

void Skeletons::noteUnseen(const FunctionDecl *fd) { unseen_.insert(fd->getCanonicalDecl()); }

const Skeleton *Skeletons::summarised(const FunctionDecl *fd) {
  fd = fd ? fd->getCanonicalDecl() : nullptr;
  if (auto it = summarised_.find(fd); it != summarised_.end())
    return it->second.get();
  std::unique_ptr<Skeleton> sk;
  if (const FunctionSummary *summary = summaryOf(fd)) {
    sk = std::make_unique<Skeleton>();
    if (!SummaryLowering(*this, fd, *sk).run(*summary))
      sk.reset();
  }
  return (summarised_[fd] = std::move(sk)).get();
}

} // namespace chcheck::ir
