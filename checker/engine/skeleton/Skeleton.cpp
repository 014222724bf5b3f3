#include "Skeleton.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

#include <sstream>

using namespace clang;

namespace chcheck::ir {

PlaceId PlaceTable::intern(const Place &p) {
  auto [it, inserted] = ids_.try_emplace(p, static_cast<PlaceId>(places_.size()));
  if (inserted)
    places_.push_back(p);
  return it->second;
}

PlaceId PlaceTable::child(PlaceId base, Step s) {
  Place p = places_[base];
  p.steps.push_back(s);
  return intern(p);
}

PlaceId PlaceTable::rebase(PlaceId base, const std::vector<Step> &suffix) {
  if (suffix.empty())
    return base;
  Place p = places_[base];
  p.steps.insert(p.steps.end(), suffix.begin(), suffix.end());
  return intern(p);
}

bool PlaceTable::within(PlaceId p, PlaceId prefix) const {
  if (p == prefix)
    return true;
  const Place &a = places_[p], &b = places_[prefix];
  return a.root == b.root && a.steps.size() > b.steps.size() &&
         std::equal(b.steps.begin(), b.steps.end(), a.steps.begin());
}

const char *eventKindName(EventKind k) {
  switch (k) {
  case EventKind::Copy: return "copy";
  case EventKind::Move: return "move";
  case EventKind::AddrOf: return "addr";
  case EventKind::SetNull: return "null";
  case EventKind::Alloc: return "alloc";
  case EventKind::MakeChan: return "make";
  case EventKind::MakeClosure: return "closure";
  case EventKind::Havoc: return "havoc";
  case EventKind::SetInt: return "int";
  case EventKind::Len: return "len";
  case EventKind::Size: return "size";
  case EventKind::AddInt: return "add";
  case EventKind::SetBool: return "bool";
  case EventKind::CompareExchange: return "cas";
  case EventKind::Send: return "send";
  case EventKind::Recv: return "recv";
  case EventKind::RecvOk: return "recv_ok";
  case EventKind::RangeNext: return "range";
  case EventKind::Close: return "close";
  case EventKind::Select: return "select";
  case EventKind::Go: return "go";
  case EventKind::Join: return "join";
  case EventKind::WgAdd: return "wg.add";
  case EventKind::WgDone: return "wg.done";
  case EventKind::WgWait: return "wg.wait";
  case EventKind::Lock: return "lock";
  case EventKind::Unlock: return "unlock";
  case EventKind::TryLock: return "try_lock";
  case EventKind::LockAll: return "lock_all";
  case EventKind::CondWait: return "cond.wait";
  case EventKind::CondSignal: return "cond.signal";
  case EventKind::CondBroadcast: return "cond.broadcast";
  case EventKind::MakeContext: return "context";
  case EventKind::Cancel: return "cancel";
  case EventKind::After: return "after";
  case EventKind::Call: return "call";
  case EventKind::Escape: return "escape";
  }
  return "?";
}

std::string renderPlace(const PlaceTable &places, PlaceId id) {
  if (id == kNoPlace)
    return "-";
  const Place &p = places.get(id);
  std::string out;
  switch (p.root.kind) {
  case RootKind::Param: out = "$" + std::to_string(p.root.index); break;
  case RootKind::This: out = "this"; break;
  case RootKind::Local:
  case RootKind::Global:
    out = static_cast<const NamedDecl *>(p.root.key)->getNameAsString();
    if (out.empty())
      out = "<binding>";
    break;
  case RootKind::Capture: out = "cap" + std::to_string(p.root.index); break;
  case RootKind::Heap: out = "heap"; break;
  case RootKind::Temp: out = "t" + std::to_string(p.root.index); break;
  case RootKind::Return: out = "ret"; break;
  }
  for (const Step &s : p.steps) {
    switch (s.kind) {
    case StepKind::Field: out += "." + s.field->getNameAsString(); break;
    case StepKind::Deref: out = "*(" + out + ")"; break;
    case StepKind::Element: out += "[]"; break;
    case StepKind::Lock: out += ".<lock>"; break;
    case StepKind::Flag: out += ".<flag>"; break;
    case StepKind::Size: out += ".<size>"; break;
    }
  }
  return out;
}

std::string render(const Skeleton &s, const PlaceTable &places, const SourceManager &sm) {
  std::ostringstream out;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Node &n = s.nodes[i];
    out << "n" << i << (n.loopHead ? " loop" : "") << (n.throws ? " throws" : "")
        << (i == s.exit ? " exit" : "") << ":\n";
    for (const Event &e : n.events) {
      out << "  " << eventKindName(e.kind);
      if (e.dst != kNoPlace)
        out << " " << renderPlace(places, e.dst) << " <-";
      if (e.src != kNoPlace)
        out << " " << renderPlace(places, e.src);
      if (e.kind == EventKind::SetInt || e.kind == EventKind::AddInt ||
          (e.kind == EventKind::SetBool && e.src == kNoPlace) || e.kind == EventKind::WgAdd)
        out << " " << (e.known ? std::to_string(e.value) : "?");
      if (e.capacity)
        out << " cap=" << *e.capacity;
      if (e.shared)
        out << " shared";
      if (e.weak)
        out << " weak";
      if (e.mayNotRun)
        out << " maybe";
      if (e.onlyIf != kNoPlace)
        out << " if " << renderPlace(places, e.onlyIf);
      for (PlaceId p : e.places)
        out << " " << renderPlace(places, p);
      for (const SelectCase &c : e.cases)
        out << (c.isSend ? " send:" : " recv:") << renderPlace(places, c.channel);
      if (e.hasDefault)
        out << " default";
      for (const FunctionDecl *f : e.callees)
        out << " " << f->getQualifiedNameAsString();
      if (e.callable != kNoPlace)
        out << " via " << renderPlace(places, e.callable);
      for (const Binding &b : e.args)
        out << " " << (b.param == Binding::kThisParam ? std::string("this") : std::to_string(b.param))
            << (b.byReference ? "&=" : "=") << renderPlace(places, b.place);
      if (e.result != kNoPlace)
        out << " -> " << renderPlace(places, e.result);
      if (e.loc.isValid())
        out << " @" << sm.getPresumedLineNumber(e.loc);
      out << "\n";
    }
    if (!n.succs.empty()) {
      out << "  ->";
      for (std::uint32_t t : n.succs)
        out << " n" << t;
      switch (n.cond.kind) {
      case Condition::Kind::Opaque: break;
      case Condition::Kind::Bool: out << " if " << renderPlace(places, n.cond.place); break;
      case Condition::Kind::NotNull: out << " if nonnull " << renderPlace(places, n.cond.place); break;
      case Condition::Kind::IntLess:
        out << " if " << renderPlace(places, n.cond.place) << " < " << n.cond.value;
        break;
      case Condition::Kind::IntEq:
        out << " if " << renderPlace(places, n.cond.place) << " == " << n.cond.value;
        break;
      }
      out << "\n";
    }
  }
  return out.str();
}

} // namespace chcheck::ir
