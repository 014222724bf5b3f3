#include "bank.h"

// accounts, then audit: the order transfers.cpp takes them in
static void report(Bank &b) {
  std::lock_guard<std::mutex> a(b.accounts);
  std::lock_guard<std::mutex> c(b.audit);
}

void startReports(Bank &b) {
  std::thread t([&b] { report(b); });
  t.detach();
}
