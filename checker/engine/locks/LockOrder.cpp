// The lock-order facts of a translation unit: every function that starts
// threads (itself or through its calls) is a region; its summary's orders
// and threads, with each lock place named as a lock class (and instance
// when known), are the region's facts.
#include "LockOrder.h"

#include "Summary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "chcheck/Engine.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <optional>

using namespace clang;

namespace chcheck::locks {
namespace {

using ir::Place;
using ir::RootKind;
using ir::StepKind;

class Namer {
public:
  Namer(ir::PlaceTable &places, const SourceManager &sm) : P(places), sm_(sm) {}

  // The lock a place is, or nothing when no class can be told (a pointer
  // to a mutex that could be any mutex, a parameter nobody binds).
  std::optional<LockNode> node(PlaceId p) const {
    const Place &pl = P.get(p);
    bool own = pl.root.kind == RootKind::Global || pl.root.kind == RootKind::Local;
    // The fields after the last pointer or element step: the class.
    std::size_t start = 0;
    for (std::size_t i = 0; i < pl.steps.size(); ++i)
      if (pl.steps[i].kind != StepKind::Field) {
        own = false;
        start = i + 1;
      }
    LockNode n;
    if (start == pl.steps.size()) {
      const ir::Step *last = pl.steps.empty() ? nullptr : &pl.steps.back();
      if (last && last->kind == StepKind::Element) {
        // any element of a container of locks
        const FieldDecl *f = pl.steps.size() >= 2 && pl.steps[pl.steps.size() - 2].kind == StepKind::Field
                                 ? pl.steps[pl.steps.size() - 2].field
                                 : nullptr;
        if (f) {
          n.key = key(f) + "[]";
          n.name = fieldName(f) + "[]";
          return n;
        }
        if (pl.steps.size() == 1 && (pl.root.kind == RootKind::Global || pl.root.kind == RootKind::Local)) {
          const auto *vd = static_cast<const VarDecl *>(pl.root.key);
          n.key = key(vd) + "[]";
          n.name = vd->getNameAsString() + "[]";
          return n;
        }
        return std::nullopt;
      }
      if (last || (pl.root.kind != RootKind::Global && pl.root.kind != RootKind::Local))
        return std::nullopt; // through a pointer that could be any mutex
      const auto *vd = static_cast<const VarDecl *>(pl.root.key);
      n.key = key(vd);
      n.instance = p;
      n.name = pl.root.kind == RootKind::Global ? vd->getQualifiedNameAsString() : vd->getNameAsString();
      if (pl.root.kind == RootKind::Global && vd->isExternallyVisible())
        n.project = projectName(vd->getCanonicalDecl(), vd->getQualifiedNameAsString()).value_or("");
      return n;
    }
    n.name = fieldName(pl.steps[start].field);
    bool shared = true;
    for (std::size_t i = start; i < pl.steps.size(); ++i) {
      const FieldDecl *f = pl.steps[i].field;
      n.key += key(f);
      if (i > start)
        n.name += "." + f->getNameAsString();
      const RecordDecl *rd = f->getParent();
      std::optional<std::string> project = projectName(rd->getDefinition(), f->getQualifiedNameAsString());
      shared = shared && project && rd->isExternallyVisible() && !rd->getName().empty();
      if (project)
        n.project += (i > start ? "." : "") + *project;
    }
    if (!shared)
      n.project.clear();
    if (own) {
      n.instance = p;
      n.name = ownName(pl);
    }
    return n;
  }

  std::string function(const FunctionDecl *fd) const {
    if (const auto *m = dyn_cast<CXXMethodDecl>(fd); m && m->getParent()->isLambda())
      return "lambda at line " + std::to_string(sm_.getPresumedLineNumber(m->getParent()->getLocation()));
    return fd->getQualifiedNameAsString();
  }

  LockSite site(const LockSite &s) const {
    LockSite out = s;
    for (LockCall &c : out.via)
      c.name = function(c.callee);
    PresumedLoc pl = sm_.getPresumedLoc(sm_.getFileLoc(s.loc));
    if (pl.isValid())
      out.where = llvm::sys::path::filename(pl.getFilename()).str() + ":" + std::to_string(pl.getLine());
    return out;
  }

  unsigned line(SourceLocation loc) const { return sm_.getPresumedLineNumber(sm_.getFileLoc(loc)); }

private:
  static std::string key(const Decl *d) {
    return std::to_string(reinterpret_cast<std::uintptr_t>(d->getCanonicalDecl())) + "/";
  }
  // A name other files give the same class or variable: qualified, and
  // declared in a header they share (the file is part of the name).  A class
  // or variable first declared in the main file is that file's own, even
  // where another file (another program of one database) uses its name.
  std::optional<std::string> projectName(const Decl *d, const std::string &qualified) const {
    if (!d || sm_.isInMainFile(sm_.getExpansionLoc(d->getLocation())))
      return std::nullopt;
    return qualified + "@" + locatePoint(d->getLocation(), sm_).file;
  }
  static std::string fieldName(const FieldDecl *f) {
    std::string cls = f->getParent()->getNameAsString();
    return cls.empty() ? f->getNameAsString() : cls + "::" + f->getNameAsString();
  }
  static std::string ownName(const Place &pl) {
    std::string out = static_cast<const NamedDecl *>(pl.root.key)->getNameAsString();
    for (const ir::Step &s : pl.steps)
      out += "." + s.field->getNameAsString();
    return out;
  }

  ir::PlaceTable &P;
  const SourceManager &sm_;
};

// An edge with both locks named; gates nobody can name are dropped.
std::optional<LockOrderEdge> named(const Namer &names, const Edge &e) {
  std::optional<LockNode> held = names.node(e.held), acquired = names.node(e.acquired);
  if (!held || !acquired)
    return std::nullopt;
  LockOrderEdge out;
  out.held = *held;
  out.acquired = *acquired;
  out.heldShared = e.heldShared;
  out.acquiredShared = e.acquiredShared;
  // Both locks taken by one wrapper (a MutexLock constructor calling
  // Mutex::Lock): show them where the chains part, in the caller's code.
  LockSite heldAt = e.heldAt, acquiredAt = e.acquiredAt;
  while (!heldAt.via.empty() && !acquiredAt.via.empty() && heldAt.loc == acquiredAt.loc &&
         heldAt.via.back().callee == acquiredAt.via.back().callee) {
    heldAt.loc = heldAt.via.back().at;
    acquiredAt.loc = acquiredAt.via.back().at;
    heldAt.via.pop_back();
    acquiredAt.via.pop_back();
  }
  out.heldAt = names.site(heldAt);
  out.acquiredAt = names.site(acquiredAt);
  for (PlaceId g : e.gates)
    if (std::optional<LockNode> n = names.node(g))
      out.gates.push_back(*n);
  out.liveThreads = e.live;
  return out;
}

} // namespace

void computeFacts(ir::Skeletons &skeletons, llvm::ArrayRef<const FunctionDecl *> functions,
                  LockOrderFacts &out) {
  out.ctx = &skeletons.context();
  Summaries summaries(skeletons);
  Namer names(skeletons.places(), skeletons.context().getSourceManager());
  for (const FunctionDecl *fd : functions) {
    const Summary *s = summaries.get(fd);
    if (!s || s->threads.empty())
      continue;
    LockRegion region;
    region.function = fd;
    region.name = names.function(fd);
    for (const Edge &e : s->edges)
      if (std::optional<LockOrderEdge> n = named(names, e))
        region.edges.push_back(std::move(*n));
    for (const Thread &t : s->threads) {
      LockThread lt;
      lt.body = t.body;
      lt.goroutine = t.goroutine;
      lt.startedAt = t.startedAt;
      lt.parent = t.parent;
      lt.concurrent = t.concurrent;
      lt.many = t.many;
      if (t.body) {
        lt.bodyName = names.function(t.body);
        lt.name = std::string(t.goroutine ? "the goroutine" : "the thread") + " started at line " +
                  std::to_string(names.line(t.startedAt));
      }
      for (const Edge &e : t.edges)
        if (std::optional<LockOrderEdge> n = named(names, e))
          lt.edges.push_back(std::move(*n));
      region.threads.push_back(std::move(lt));
    }
    out.regions.push_back(std::move(region));
  }
}

} // namespace chcheck::locks
