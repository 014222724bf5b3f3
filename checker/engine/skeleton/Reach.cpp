#include "Reach.h"

namespace chcheck::ir {

KindSet Reach::of(const clang::FunctionDecl *fd) {
  const Skeleton *sk = S.get(fd);
  return sk && !sk->nodes.empty() ? table(sk)[0] : 0;
}

const std::vector<KindSet> &Reach::table(const Skeleton *sk) {
  if (auto it = tables_.find(sk); it != tables_.end())
    return it->second;
  std::vector<KindSet> own(sk->nodes.size(), 0);
  tables_[sk] = own; // recursion: a function reaching itself adds nothing new
  for (std::uint32_t n = 0; n < sk->nodes.size(); ++n)
    for (const Event &e : sk->nodes[n].events) {
      own[n] |= bit(e.kind);
      if (e.kind != EventKind::Call && e.kind != EventKind::Go)
        continue;
      if (e.callable != kNoPlace && e.callees.empty())
        own[n] |= kUnseenCode;
      for (const clang::FunctionDecl *fd : e.callees)
        if (const Skeleton *callee = e.summarised ? S.summarised(fd) : S.get(fd);
            callee && !callee->nodes.empty())
          own[n] |= table(callee)[0];
    }
  // Propagate backwards to a fixpoint.
  std::vector<KindSet> reach = std::move(own);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::uint32_t n = 0; n < sk->nodes.size(); ++n)
      for (std::uint32_t s : sk->nodes[n].succs)
        if ((reach[n] | reach[s]) != reach[n]) {
          reach[n] |= reach[s];
          changed = true;
        }
  }
  return tables_[sk] = std::move(reach);
}

} // namespace chcheck::ir
