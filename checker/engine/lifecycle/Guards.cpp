// Handles guarded by a lock, in the lifecycle dataflow.  A goroutine that
// sends on a shared handle (a field, a global) only while holding a mutex,
// reading the handle at the send, cannot send on a channel that another
// goroutine closes and, before it unlocks that mutex, replaces in the handle
// (with nil or a new channel): under the lock the sender finds either the
// open channel or the replacement.  The spawner's pending sender on the
// closed channel is then not a race with that close.
#include "Interpreter.h"

#include "clang/AST/Decl.h"

#include <algorithm>

using namespace clang;

namespace chcheck::lifecycle {

using ir::Event;
using ir::EventKind;
using ir::RootKind;

// Lock, Unlock, LockAll: which mutexes are held, exclusively, on every path.
void Interpreter::lockEvent(const Frame &f, const Event &e, State &s) {
  if (e.kind == EventKind::LockAll) {
    for (PlaceId m : e.places)
      if (auto c = concretize(s, f, m); c.size() == 1)
        s.held.insert(c[0]);
    return;
  }
  llvm::SmallVector<PlaceId, 2> c = concretize(s, f, e.src);
  if (e.kind == EventKind::Unlock) {
    for (PlaceId m : c)
      s.held.erase(m);
    return;
  }
  if (!e.shared && c.size() == 1)
    s.held.insert(c[0]);
}

// Whether the goroutine reading `concrete` shares it with others: not its
// own local, parameter or temporary, nor a by-value capture of its closure.
bool Interpreter::sharedPlace(PlaceId concrete, std::size_t stackBase) {
  const ir::Place &p = P.get(concrete);
  switch (p.root.kind) {
  case RootKind::Global:
    return true;
  case RootKind::Heap:
    return !closures_.count(objects_.intern({Object::Kind::Heap, ir::kNoPlace, p.root.key, 0}));
  case RootKind::Local: {
    const auto *vd = static_cast<const VarDecl *>(p.root.key);
    for (std::size_t i = stackBase; i < stack_.size(); ++i)
      if (stack_[i]->Encloses(vd->getDeclContext()))
        return false;
    return true;
  }
  default:
    return false;
  }
}

// A send by the running goroutine: the (handle, mutex) pairs that guard it.
void Interpreter::logSendGuards(const Frame &f, const Event &e, const State &s, const RefValue &h) {
  std::set<std::pair<PlaceId, PlaceId>> guards;
  llvm::SmallVector<PlaceId, 2> c = concretize(s, f, e.src);
  if (c.size() == 1 && sharedPlace(c[0], log_->stackBase))
    for (PlaceId m : s.held)
      guards.emplace(c[0], m);
  for (ObjId o : h.targets) {
    auto [it, first] = log_->sendGuards.try_emplace(o, guards);
    if (!first)
      for (auto g = it->second.begin(); g != it->second.end();)
        g = guards.count(*g) ? std::next(g) : it->second.erase(g);
  }
}

// The handles the running function replaces (with nil or a new channel)
// after the close `e` before it unlocks anything: the mutexes held at the
// close still are.  Only straight-line code is followed.
std::set<PlaceId> Interpreter::replacedBeforeUnlock(const Frame &f, const Event &e, State &s) {
  std::set<PlaceId> replaced, fresh;
  if (nodes_.empty() || nodes_.back().first != f.sk)
    return replaced;
  std::uint32_t node = nodes_.back().second;
  const std::vector<Event> *events = &f.sk->nodes[node].events;
  std::size_t i = static_cast<std::size_t>(&e - events->data()) + 1;
  for (unsigned steps = 0; steps < 64; ++steps, ++i) {
    if (i == events->size()) {
      const ir::Node &n = f.sk->nodes[node];
      if (n.succs.size() != 1 || n.succs[0] == f.sk->exit)
        break;
      node = n.succs[0];
      events = &f.sk->nodes[node].events;
      i = static_cast<std::size_t>(-1);
      continue;
    }
    const Event &x = (*events)[i];
    auto single = [&](PlaceId place) {
      llvm::SmallVector<PlaceId, 2> c = concretize(s, f, place);
      return c.size() == 1 ? c[0] : ir::kNoPlace;
    };
    switch (x.kind) {
    case EventKind::SetNull:
    case EventKind::MakeChan:
      if (PlaceId d = single(x.dst); d != ir::kNoPlace) {
        fresh.insert(d);
        replaced.insert(d);
      }
      continue;
    case EventKind::Copy:
    case EventKind::Move:
      if (PlaceId d = single(x.dst), from = single(x.src); d != ir::kNoPlace && fresh.count(from)) {
        fresh.insert(d);
        replaced.insert(d);
      }
      continue;
    case EventKind::Unlock:
    case EventKind::CondWait:
    case EventKind::Call:
    case EventKind::Go:
      return replaced;
    default:
      continue;
    }
  }
  return replaced;
}

// A close under a mutex that replaces the handle before unlocking: the
// pending senders guarded by that handle and mutex never see it closed.
void Interpreter::dropGuardedSenders(const Frame &f, const Event &e, State &s, const RefValue &h) {
  if (s.held.empty())
    return;
  bool guarded = false;
  for (ObjId o : h.targets)
    for (auto &[spawn, sender] : chanState(s, o).pendingSenders)
      guarded |= !sender.guards.empty();
  if (!guarded)
    return;
  std::set<PlaceId> replaced = replacedBeforeUnlock(f, e, s);
  for (ObjId o : h.targets) {
    auto it = s.chans.find(o);
    if (it == s.chans.end())
      continue;
    auto &senders = it->second.pendingSenders;
    for (auto p = senders.begin(); p != senders.end();) {
      bool safe = std::any_of(p->second.guards.begin(), p->second.guards.end(), [&](const auto &g) {
        return replaced.count(g.first) && s.held.count(g.second);
      });
      p = safe ? senders.erase(p) : std::next(p);
    }
  }
}

} // namespace chcheck::lifecycle
