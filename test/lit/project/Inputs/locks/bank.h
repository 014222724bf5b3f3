// Two mutexes of one bank, taken by threads that files start on their own.
#pragma once
#include <mutex>
#include <thread>

struct Bank {
  std::mutex accounts;
  std::mutex audit;
};

void startTransfers(Bank &b);
void startAudits(Bank &b);
