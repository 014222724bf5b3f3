#include "bank.h"

// audit, then accounts: the other order
static void audit(Bank &b) {
  std::lock_guard<std::mutex> c(b.audit);
  std::lock_guard<std::mutex> a(b.accounts);
}

void startAudits(Bank &b) {
  std::thread t([&b] { audit(b); });
  t.detach();
}
