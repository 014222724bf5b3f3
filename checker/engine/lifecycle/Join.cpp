// Joins of lifecycle states: what holds on either of two paths.
#include "Interpreter.h"

#include <algorithm>

namespace chcheck::lifecycle {

namespace {
// The places whose references may reach `o`.
std::set<PlaceId> holders(const State &s, ObjId o) {
  std::set<PlaceId> out;
  for (auto &[p, v] : s.refs)
    if (std::binary_search(v.targets.begin(), v.targets.end(), o))
      out.insert(p);
  return out;
}

bool disjoint(const std::set<PlaceId> &a, const std::set<PlaceId> &b) {
  for (PlaceId p : a)
    if (b.count(p))
      return false;
  return true;
}
} // namespace

// A channel one path reaches only through some places and the other only
// through others, closed on one and not on the other, is two incarnations
// of its make(): a handle re-made after a close, the closed channel still
// held by another variable.  Joined as one, the re-made handle would look
// closed.  The incarnation `from` holds becomes the make()'s older one
// (into `split`), so each place keeps its own path's channel state.
bool Interpreter::splitIncarnations(const State &into, const State &from, State &split) {
  std::vector<ObjId> older;
  for (auto &[o, cs] : from.chans) {
    const Object &obj = objects_.get(o);
    if (obj.kind != Object::Kind::Channel || obj.older)
      continue;
    auto mine = into.chans.find(o);
    if (mine == into.chans.end() || !((mine->second.bits ^ cs.bits) & (kClosed | kClosedPrevIter)))
      continue;
    std::set<PlaceId> here = holders(into, o), there = holders(from, o);
    if (!here.empty() && !there.empty() && disjoint(here, there))
      older.push_back(o);
  }
  if (older.empty())
    return false;
  split = from;
  for (ObjId o : older) {
    Object obj = objects_.get(o);
    obj.older = true;
    ObjId old = objects_.intern(obj);
    if (auto it = chanInfos_.find(o); it != chanInfos_.end())
      chanInfos_[old] = it->second;
    madeIn_[old] = madeIn_[o];
    for (auto &[p, v] : split.refs)
      if (std::binary_search(v.targets.begin(), v.targets.end(), o)) {
        v.targets.erase(std::find(v.targets.begin(), v.targets.end(), o));
        v.targets.insert(std::lower_bound(v.targets.begin(), v.targets.end(), old), old);
        v.targets.erase(std::unique(v.targets.begin(), v.targets.end()), v.targets.end());
      }
    ChanState cs = split.chans[o];
    split.chans.erase(o);
    if (auto it = split.chans.find(old); it != split.chans.end())
      it->second.join(cs);
    else
      split.chans[old] = cs;
  }
  return true;
}

void Interpreter::join(State &into, const State &fromState) const {
  if (!fromState.reachable)
    return;
  if (!into.reachable) {
    into = fromState;
    return;
  }
  auto self = const_cast<Interpreter *>(this);
  State split;
  const State &from = self->splitIncarnations(into, fromState, split) ? split : fromState;
  std::set<ObjId> intoTargets, fromTargets;
  for (auto &[p, v] : into.refs)
    intoTargets.insert(v.targets.begin(), v.targets.end());
  for (auto &[p, v] : from.refs)
    fromTargets.insert(v.targets.begin(), v.targets.end());
  for (auto &[p, v] : from.refs) {
    if (!into.refs.count(p) && self->unallocated(intoTargets, p)) {
      into.refs[p] = v;
      continue;
    }
    RefValue mine = self->read(into, p);
    mine.join(v);
    into.refs[p] = std::move(mine);
  }
  for (auto &[p, v] : into.refs)
    if (!from.refs.count(p) && !self->unallocated(fromTargets, p))
      v.join(self->read(from, p));
  for (auto &[o, cs] : from.chans) {
    auto it = into.chans.find(o);
    if (it != into.chans.end()) {
      it->second.join(cs);
    } else if (objects_.get(o).kind == Object::Kind::Channel) {
      into.chans[o] = cs; // made only on `from`'s paths
    } else {
      ChanState untouched;
      untouched.join(cs);
      into.chans[o] = untouched;
    }
  }
  for (auto &[o, cs] : into.chans)
    if (!from.chans.count(o) && objects_.get(o).kind != Object::Kind::Channel)
      cs.join(ChanState{});
  into.signalled.insert(from.signalled.begin(), from.signalled.end());
  for (auto it = into.held.begin(); it != into.held.end();)
    it = from.held.count(*it) ? std::next(it) : into.held.erase(it);
  for (auto it = into.flags.begin(); it != into.flags.end();) {
    auto other = from.flags.find(it->first);
    it = other != from.flags.end() && other->second == it->second ? std::next(it) : into.flags.erase(it);
  }
}

// Keeps states apart only while they disagree on flags, and at most a few.
// A channel no reference reaches any more is forgotten first: a handle
// re-made in a loop then joins with the channel it holds, not with the one
// an earlier iteration closed.
void Interpreter::normalize(Disjunction &d) const {
  Disjunction out;
  for (State &s : d) {
    if (!s.reachable)
      continue;
    std::set<ObjId> live;
    for (auto &[p, v] : s.refs)
      live.insert(v.targets.begin(), v.targets.end());
    for (auto it = s.chans.begin(); it != s.chans.end();)
      it = objects_.get(it->first).kind == Object::Kind::Channel && !live.count(it->first)
               ? s.chans.erase(it)
               : std::next(it);
    auto same = std::find_if(out.begin(), out.end(), [&](const State &o) { return o.flags == s.flags; });
    if (same != out.end())
      join(*same, s);
    else
      out.push_back(std::move(s));
  }
  if (out.size() > kMaxDisjuncts) {
    State all = std::move(out[0]);
    for (std::size_t i = 1; i < out.size(); ++i)
      join(all, out[i]);
    out.clear();
    out.push_back(std::move(all));
  }
  d = std::move(out);
}

} // namespace chcheck::lifecycle
