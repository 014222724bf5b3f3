// The kinds of event a skeleton may still perform from each node on,
// including in the functions it calls or starts: what tells an analysis
// which functions it can skip (the lifecycle needs channel operations, the
// explorer synchronisation) and what a goroutine may still do.
#pragma once

#include "Skeletons.h"

#include <cstdint>
#include <map>
#include <vector>

namespace chcheck::ir {

using KindSet = std::uint64_t;
constexpr KindSet bit(EventKind k) { return KindSet(1) << static_cast<unsigned>(k); }
// Code we cannot see (a callable whose targets are unknown): anything.
constexpr KindSet kUnseenCode = KindSet(1) << 63;
constexpr KindSet kAllKinds = ~KindSet(0);

constexpr KindSet kChannelKinds = bit(EventKind::MakeChan) | bit(EventKind::Send) | bit(EventKind::Recv) |
                                  bit(EventKind::RecvOk) | bit(EventKind::RangeNext) | bit(EventKind::Close) |
                                  bit(EventKind::Select) | bit(EventKind::MakeContext) | bit(EventKind::Cancel) |
                                  bit(EventKind::After);
constexpr KindSet kSyncKinds = kChannelKinds | bit(EventKind::Go) | bit(EventKind::Join) | bit(EventKind::WgAdd) |
                               bit(EventKind::WgDone) | bit(EventKind::WgWait) | bit(EventKind::Lock) |
                               bit(EventKind::Unlock) | bit(EventKind::TryLock) | bit(EventKind::LockAll) |
                               bit(EventKind::CondWait) | bit(EventKind::CondSignal) |
                               bit(EventKind::CondBroadcast);

class Reach {
public:
  explicit Reach(Skeletons &s) : S(s) {}

  // From `node` of `sk` on; kUnseenCode when an unknown callable may run.
  KindSet from(const Skeleton *sk, std::uint32_t node) { return table(sk)[node]; }
  // Everything `fd`'s body may do (0 without a skeleton).
  KindSet of(const clang::FunctionDecl *fd);

private:
  const std::vector<KindSet> &table(const Skeleton *sk);

  Skeletons &S;
  std::map<const Skeleton *, std::vector<KindSet>> tables_;
};

} // namespace chcheck::ir
