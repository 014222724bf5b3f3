// Values in channels: what a send puts in a buffer slot (or hands to the
// receiver it meets) and what a receive makes of it.  A struct travels
// whole: its parts are copied into a message of their own, which the
// receive copies into its destination and drops, so a callback or a handle
// inside a struct reaches the goroutine that receives it.
#include "Interp.h"

namespace chcheck::concurrency {

using ir::Event;

namespace {
// The addresses at or under `base` that memory holds, with the steps below it.
std::vector<std::pair<AddrId, std::vector<ir::Step>>> partsUnder(const MachineState &s, const AddressTable &A,
                                                                   AddrId base) {
  std::vector<std::pair<AddrId, std::vector<ir::Step>>> out;
  const Address &b = A.get(base);
  for (auto &[addr, v] : s.memory) {
    const Address &x = A.get(addr);
    if (x.root == b.root && x.instance == b.instance && x.steps.size() >= b.steps.size() &&
        std::equal(b.steps.begin(), b.steps.end(), x.steps.begin()))
      out.emplace_back(addr, std::vector<ir::Step>(x.steps.begin() + b.steps.size(), x.steps.end()));
  }
  return out;
}

AddrId below(AddressTable &A, AddrId base, const std::vector<ir::Step> &steps) {
  for (const ir::Step &st : steps)
    base = A.child(base, st);
  return base;
}
} // namespace

Value Interp::sentValue(MachineState &s, std::uint32_t g, const Event &e, const ir::SelectCase *c) {
  PlaceId p = c ? c->value : e.payload;
  if (p == ir::kNoPlace)
    return Value{Value::Kind::Unknown, kNoObj, 0};
  const clang::Type *aggregate = c ? c->valueType : e.element == ir::ValueKind::Aggregate ? e.valueType : nullptr;
  if (!aggregate)
    return load(s, g, p);
  const void *site = c ? static_cast<const void *>(c) : static_cast<const void *>(&e);
  AddrId box = A.intern({{ir::RootKind::Heap, site, 0}, s.nextInstance++, {}});
  for (const auto &part : S.types().parts(aggregate))
    write(s, below(A, box, part.steps), load(s, g, P.rebase(p, part.steps)));
  return Value{Value::Kind::Message, kNoObj, box};
}

void Interp::sentAway(MachineState &s, std::uint32_t g, const Event &e, const ir::SelectCase *c) {
  if (PlaceId p = c ? c->value : e.payload; p != ir::kNoPlace)
    escape(s, g, p, c ? c->valueType : e.element == ir::ValueKind::Aggregate ? e.valueType : nullptr);
}

void Interp::setInt(MachineState &s, std::uint32_t g, PlaceId dst, std::int64_t value) {
  if (dst == ir::kNoPlace)
    return;
  bool known = true;
  AddrId a = resolve(s, g, dst, &known);
  if (known)
    s.memory[a] = Value{Value::Kind::Int, kNoObj, value};
}

void Interp::received(MachineState &s, std::uint32_t g, const Event &e, const ir::SelectCase *c, bool ok,
                      Value v) {
  if (PlaceId into = c ? c->value : e.payload; into != ir::kNoPlace) {
    bool known = true;
    AddrId a = resolve(s, g, into, &known);
    // A struct's old parts are gone: what replaces them is the message's,
    // or (a closed channel's zero, a value from code we do not see) unknown.
    if (known)
      for (auto &[addr, steps] : partsUnder(s, A, a))
        if (!steps.empty())
          s.memory[addr] = fresh(s);
    if (v.kind == Value::Kind::Message) {
      AddrId box = static_cast<AddrId>(v.num);
      for (auto &[addr, steps] : partsUnder(s, A, box)) {
        if (known)
          s.memory[below(A, a, steps)] = s.memory[addr];
        s.memory.erase(addr);
      }
    } else if (known) {
      s.memory[a] = ok ? v : zero(e.element);
    }
  }
  if (!c && e.library) { // a status, not a bool
    setInt(s, g, e.dst, ok ? e.library->successStatus : e.library->closedStatus);
  } else if (PlaceId flag = c ? c->ok : e.dst; flag != ir::kNoPlace) {
    bool known = true;
    AddrId a = resolve(s, g, flag, &known);
    if (known)
      s.memory[a] = Value{Value::Kind::Bool, kNoObj, ok};
  }
  if (c)
    pickCase(s, g, static_cast<std::size_t>(c - e.cases.data()));
  else
    ++s.goroutines[g].stack.back().event;
}

} // namespace chcheck::concurrency
