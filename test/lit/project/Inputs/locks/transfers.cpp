#include "bank.h"

// accounts, then audit
static void transfer(Bank &b) {
  std::lock_guard<std::mutex> a(b.accounts);
  std::lock_guard<std::mutex> c(b.audit);
}

void startTransfers(Bank &b) {
  std::thread t([&b] { transfer(b); });
  t.detach();
}
