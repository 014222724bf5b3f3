// Aliases of one function's places (internal to locks/): what a pointer,
// a guard's lock slot or a copy holds when the function sets it once, so a
// lock reached through them is named by the place it is (`*(p).mu` with
// `p = &a` is `a.mu`; a unique_lock's lock is the mutex it was made with).
#pragma once

#include "../skeleton/Skeleton.h"

#include "llvm/ADT/DenseMap.h"

#include <algorithm>

namespace chcheck::locks {

using ir::Event;
using ir::EventKind;
using ir::Place;
using ir::PlaceId;
using ir::RootKind;
using ir::Step;
using ir::StepKind;

// What a place of the function refers to, when the function sets it once:
// a copy of another place, a pointer to one (guards' locks, `p = &a`), a
// closure.  Set twice, or from something unseen, it is unknown.
class Aliases {
public:
  Aliases(ir::PlaceTable &places, const ir::Skeleton &sk) : P(places) {
    for (const ir::Node &n : sk.nodes)
      for (const Event &e : n.events)
        record(e);
  }

  // The place `p` names, through the copies and pointers set once.
  PlaceId canon(PlaceId p, unsigned depth = 0) {
    if (p == ir::kNoPlace || depth > 8)
      return p;
    const Place pl = P.get(p);
    for (std::size_t k = pl.steps.size() + 1; k-- > 0;) {
      Place prefix{pl.root, std::vector<Step>(pl.steps.begin(), pl.steps.begin() + k)};
      auto it = defs_.find(P.intern(prefix));
      if (it == defs_.end())
        continue;
      const Def &d = it->second;
      std::vector<Step> rest(pl.steps.begin() + k, pl.steps.end());
      if (d.kind == Def::Copy)
        return canon(P.rebase(d.target, rest), depth + 1);
      if (d.kind == Def::Points && !rest.empty() && rest.front().kind == StepKind::Deref)
        return canon(P.rebase(d.target, std::vector<Step>(rest.begin() + 1, rest.end())), depth + 1);
      return p;
    }
    return p;
  }

  // A callee stored `src` (or its address) into `dst`, a place of ours.
  void stored(PlaceId dst, PlaceId src, bool pointsTo) { define(dst, {pointsTo ? Def::Points : Def::Copy, src}); }

  const Event *closure(PlaceId p) {
    auto it = defs_.find(canon(p));
    return it != defs_.end() && it->second.kind == Def::Closure ? it->second.closure : nullptr;
  }

private:
  struct Def {
    enum Kind { Copy, Points, Closure, Unknown } kind;
    PlaceId target = ir::kNoPlace;
    const Event *closure = nullptr;
  };

  void define(PlaceId dst, Def d) {
    if (dst == ir::kNoPlace)
      return;
    RootKind r = P.get(dst).root.kind;
    // Parameters, `this`, captures and globals have a value on entry.
    if (r != RootKind::Local && r != RootKind::Temp && r != RootKind::Heap)
      d.kind = Def::Unknown;
    auto [it, inserted] = defs_.try_emplace(dst, d);
    if (!inserted && (it->second.kind != d.kind || it->second.target != d.target ||
                      it->second.closure != d.closure))
      it->second = Def{Def::Unknown};
  }

  void record(const Event &e) {
    switch (e.kind) {
    case EventKind::Copy:
    case EventKind::Move:
      return define(e.dst, {e.weak ? Def::Unknown : Def::Copy, e.src});
    case EventKind::AddrOf:
      return define(e.dst, {e.weak ? Def::Unknown : Def::Points, e.src});
    case EventKind::Alloc:
      return define(e.dst, {Def::Points, P.root({RootKind::Heap, e.site, 0})});
    case EventKind::MakeClosure:
      return define(e.dst, {Def::Closure, ir::kNoPlace, &e});
    case EventKind::Havoc:
      return define(e.dst, {Def::Unknown});
    case EventKind::Call:
      return define(e.result, {Def::Unknown});
    case EventKind::Recv:
    case EventKind::RecvOk:
    case EventKind::RangeNext:
      return define(e.payload, {Def::Unknown});
    default:
      return;
    }
  }

  ir::PlaceTable &P;
  llvm::DenseMap<PlaceId, Def> defs_;
};

// How a caller can see a lock place of this function.
enum class Kind {
  Private, // a lock of the function's own frame: no other thread can take it
  Opaque,  // reached through a pointer nothing tells: any mutex
  Named,   // a parameter's, `this`'s, a capture's, a global's or a heap object's
};

// A constructor's own locks (`this`'s, not through a pointer) belong to an
// object no other thread can see yet.
inline Kind kindOf(const ir::PlaceTable &P, PlaceId p, bool constructor) {
  const Place &pl = P.get(p);
  if (!pl.steps.empty() && pl.steps.back().kind == StepKind::Deref)
    return Kind::Opaque;
  bool viaPointer = std::any_of(pl.steps.begin(), pl.steps.end(),
                                [](const Step &s) { return s.kind == StepKind::Deref; });
  switch (pl.root.kind) {
  case RootKind::Local:
  case RootKind::Temp:
  case RootKind::Return:
    return viaPointer ? Kind::Named : Kind::Private;
  case RootKind::This:
    return constructor && !viaPointer ? Kind::Private : Kind::Named;
  default:
    return Kind::Named;
  }
}


} // namespace chcheck::locks
