// Lock-order edges other files may complete into an inversion.  Only edges
// of started threads (code that runs concurrently with something), between
// two locks of different classes that every file names alike, and whose
// gates are named too: an edge gated by a lock private to this file may be
// kept apart from the other file's edge by it, which the union cannot tell.
#include "Export.h"

#include "chcheck/Engine.h"

#include "clang/AST/ASTContext.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace chcheck::locks {

void exportEdges(const LockOrderFacts &facts, std::vector<LockEdgeSummary> &out) {
  const clang::SourceManager &sm = facts.ctx->getSourceManager();
  auto where = [&](clang::SourceLocation loc) {
    SourcePoint p = locatePoint(loc, sm);
    return llvm::sys::path::filename(p.file).str() + ":" + std::to_string(p.line);
  };
  for (const LockRegion &r : facts.regions)
    for (const LockThread &t : r.threads)
      for (const LockOrderEdge &e : t.edges) {
        if (e.held.project.empty() || e.acquired.project.empty() || e.held.project == e.acquired.project)
          continue;
        LockEdgeSummary s;
        bool namedGates = true;
        for (const LockNode &g : e.gates) {
          namedGates = namedGates && !g.project.empty();
          s.gates.push_back(g.project);
        }
        if (!namedGates)
          continue;
        std::sort(s.gates.begin(), s.gates.end());
        s.held = e.held.project;
        s.acquired = e.acquired.project;
        s.heldName = e.held.name;
        s.acquiredName = e.acquired.name;
        s.heldShared = e.heldShared;
        s.acquiredShared = e.acquiredShared;
        s.heldAt = locatePoint(e.heldAt.loc, sm);
        s.acquiredAt = locatePoint(e.acquiredAt.loc, sm);
        s.startedAt = locatePoint(t.startedAt, sm);
        s.chain = t.bodyName;
        for (const LockCall &c : e.acquiredAt.via)
          s.chain += " \u2192 " + c.name;
        s.thread = std::string(t.goroutine ? "the goroutine" : "the thread") + " started at " + where(t.startedAt);
        s.starter = t.parent < 0 ? r.name : r.threads[t.parent].bodyName;
        s.region = r.name;
        out.push_back(std::move(s));
      }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

} // namespace chcheck::locks
