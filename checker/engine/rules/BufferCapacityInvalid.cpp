// CH106 buffer-capacity-invalid: a library's channel constructed with a
// constant capacity its constructor rejects.  Boost.Fiber's
// buffered_channel(N) throws fiber_error unless N is a power of two >= 2
// (its ring buffer indexes by masking): buffered_channel<int>(3) or (1)
// never gets built.  A capacity not known at compile time is not judged.
#include "Rule.h"
#include "../models/Model.h"

namespace chcheck {
namespace {

bool powerOfTwoAtLeastTwo(std::uint64_t n) { return n >= 2 && (n & (n - 1)) == 0; }

class BufferCapacityInvalid final : public Rule {
public:
  const char *id() const override { return "CH106"; }

  unsigned needs() const override { return kLifecycle; }

  void check(const AnalysisFacts &facts, FindingBuilder &out) const override {
    for (const ChannelOpFact &f : facts.lifecycle->ops) {
      if (f.op != OpKind::Make || !f.library || !f.library->capacityPowerOfTwo || !f.requestedCapacity ||
          powerOfTwoAtLeastTwo(*f.requestedCapacity))
        continue;
      std::uint64_t n = *f.requestedCapacity;
      std::uint64_t fix = 2;
      while (fix < n && fix < (std::uint64_t(1) << 62))
        fix <<= 1;
      out.report(id(), Severity::Error, f,
                 "channel '" + f.subject + "' is constructed with capacity " + std::to_string(n) +
                     ", which is not a power of two >= 2: the constructor throws " +
                     f.library->invalidCapacityThrows + "; a capacity of " + std::to_string(fix) +
                     " buffers " + std::to_string(fix - f.library->reservedSlots) +
                     (fix - f.library->reservedSlots == 1 ? " value" : " values"));
    }
  }
};

} // namespace

const Rule &bufferCapacityInvalidRule() {
  static const BufferCapacityInvalid rule;
  return rule;
}

} // namespace chcheck
