// RUN: %check_clang_tidy %s channel-lock-order-inversion %t
#include <chan/chan.hpp>

#include <mutex>
#include <thread>

// Two member mutexes taken in opposite orders by two methods, each run on
// its own std::thread.
class Bank {
public:
  void audit() {
    std::lock_guard<std::mutex> a(accounts_mu_);
    std::lock_guard<std::mutex> l(log_mu_);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: possible deadlock: mutexes 'Bank::accounts_mu_' and 'Bank::log_mu_' are taken in opposite orders by threads that may run at the same time: 'Bank::accounts_mu_' then 'Bank::log_mu_' at {{.*}}CH204-lock-order-inversion.cpp{{.*}}:[[@LINE-1]] via Bank::audit; 'Bank::log_mu_' then 'Bank::accounts_mu_' at {{.*}}CH204-lock-order-inversion.cpp{{.*}}:[[@LINE+11]] via Bank::journal: each may hold one and wait for the other [channel-lock-order-inversion]
    // CHECK-MESSAGES: :[[@LINE+21]]:15: note: 'run_bank' starts a thread here
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: the thread started at line [[@LINE+20]] takes 'Bank::accounts_mu_' here
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: the thread started at line [[@LINE+19]] then waits for 'Bank::log_mu_' here
    // CHECK-MESSAGES: :[[@LINE+19]]:15: note: 'run_bank' starts a thread here
    // CHECK-MESSAGES: :[[@LINE+5]]:33: note: the thread started at line [[@LINE+18]] takes 'Bank::log_mu_' here
    // CHECK-MESSAGES: :[[@LINE+5]]:33: note: the thread started at line [[@LINE+17]] then waits for 'Bank::accounts_mu_' here
    ++audits_;
  }
  void journal() {
    std::lock_guard<std::mutex> l(log_mu_);
    std::lock_guard<std::mutex> a(accounts_mu_);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: possible deadlock: mutexes 'Bank::log_mu_' and 'Bank::accounts_mu_' are taken in opposite orders by threads that may run at the same time: 'Bank::log_mu_' then 'Bank::accounts_mu_' at {{.*}}CH204-lock-order-inversion.cpp{{.*}}:[[@LINE-1]] via Bank::journal; 'Bank::accounts_mu_' then 'Bank::log_mu_' at {{.*}}CH204-lock-order-inversion.cpp{{.*}}:[[@LINE-13]] via Bank::audit: each may hold one and wait for the other [channel-lock-order-inversion]
    ++entries_;
  }

private:
  std::mutex accounts_mu_, log_mu_;
  int audits_ = 0, entries_ = 0;
};

void run_bank(Bank &bank) {
  std::thread t1(&Bank::audit, &bank);
  std::thread t2(&Bank::journal, &bank);
  t1.join();
  t2.join();
}

// ---- nothing below may be reported ----

// One order everywhere.
class Ledger {
public:
  void post() {
    std::lock_guard<std::mutex> a(entries_mu_);
    std::lock_guard<std::mutex> b(totals_mu_);
    ++n_;
  }
  void close() {
    std::lock_guard<std::mutex> a(entries_mu_);
    std::lock_guard<std::mutex> b(totals_mu_);
    n_ = 0;
  }

private:
  std::mutex entries_mu_, totals_mu_;
  int n_ = 0;
};

void run_ledger(Ledger &l) {
  std::thread t1(&Ledger::post, &l);
  std::thread t2(&Ledger::close, &l);
  t1.join();
  t2.join();
}

// Opposite orders, but std::scoped_lock takes both at once without deadlock.
class Pair {
public:
  void left() {
    std::scoped_lock both(a_, b_);
    ++n_;
  }
  void right() {
    std::scoped_lock both(b_, a_);
    --n_;
  }

private:
  std::mutex a_, b_;
  int n_ = 0;
};

void run_pair(Pair &p) {
  std::thread t1(&Pair::left, &p);
  std::thread t2(&Pair::right, &p);
  t1.join();
  t2.join();
}

