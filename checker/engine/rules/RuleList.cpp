// The engine's rules, in id order.  A new rule adds its file under rules/,
// its catalog entry under /rules, and one line here.
#include "Rule.h"

namespace chcheck {

const Rule &sendOnClosedRule();
const Rule &closeOfClosedRule();
const Rule &closeOfNilRule();
const Rule &nilChannelOpRule();
const Rule &recvAfterCloseUncheckedRule();
const Rule &bufferCapacityInvalidRule();
const Rule &blockedSendLeakRule();
const Rule &blockedRecvLeakRule();
const Rule &waitCycleRule();
const Rule &lockOrderInversionRule();
const Rule &waitGroupMisuseRule();
const Rule &recursiveLockRule();

llvm::ArrayRef<const Rule *> allRules() {
  static const Rule *const rules[] = {
      &sendOnClosedRule(), &closeOfClosedRule(), &closeOfNilRule(), &nilChannelOpRule(),
      &recvAfterCloseUncheckedRule(), &bufferCapacityInvalidRule(), &blockedSendLeakRule(),
      &blockedRecvLeakRule(), &waitCycleRule(),
      &lockOrderInversionRule(), &waitGroupMisuseRule(), &recursiveLockRule(),
  };
  return rules;
}

} // namespace chcheck
