// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
// Two goroutines each waiting for a lock the other holds: the explorer
// finds the deadlock as a cycle of waits, but the bug is a lock-order
// inversion, reported once per acquisition by CH204 and not again by CH203.
// A cycle through a lock and a channel stays CH203's (CH203-wait-cycle.cpp).
#include <chan/chan.hpp>

struct Ledger {
  chan::Mutex accounts, journal;
};

void post_and_audit() {
  Ledger ledger;
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([&ledger, &wg] {
    ledger.accounts.lock();
    ledger.journal.lock();
    // CHECK: :[[@LINE-1]]:5: warning: possible deadlock: mutexes 'ledger.accounts' and 'ledger.journal' are taken in opposite orders {{.*}} [CH204 lock-order-inversion]
    ledger.journal.unlock();
    ledger.accounts.unlock();
    wg.done();
  });
  chan::go([&ledger, &wg] {
    ledger.journal.lock();
    ledger.accounts.lock();
    // CHECK: :[[@LINE-1]]:5: warning: possible deadlock: mutexes 'ledger.journal' and 'ledger.accounts' are taken in opposite orders {{.*}} [CH204 lock-order-inversion]
    ledger.accounts.unlock();
    ledger.journal.unlock();
    wg.done();
  });
  wg.wait();
}
