// corpus: safe/locks_transfer_ordered_by_id
// origin: precision suite
// mechanism: a bank's transfer(from, to) takes both accounts' std::mutex through a helper that always locks the account with the lower id first, so concurrent transfers in opposite directions acquire the two locks in one global order and cannot deadlock; the total balance is conserved.
// run: exit0
#include <chan/chan.hpp>

#include <mutex>
#include <utility>
#include <vector>

struct Account {
  int id;
  long balance;
  std::mutex mu;
};

// Locks two distinct accounts in id order; the guards release in reverse.
class PairLock {
 public:
  PairLock(Account& a, Account& b)
      : first_(a.id < b.id ? a.mu : b.mu), second_(a.id < b.id ? b.mu : a.mu) {}

 private:
  std::lock_guard<std::mutex> first_;
  std::lock_guard<std::mutex> second_;
};

bool transfer(Account& from, Account& to, long amount) {
  PairLock lock(from, to);
  if (from.balance < amount) return false;
  from.balance -= amount;
  to.balance += amount;
  return true;
}

int main() {
  std::vector<Account> accounts(4);
  for (int i = 0; i < 4; ++i) {
    accounts[i].id = i;
    accounts[i].balance = 1000;
  }

  chan::WaitGroup wg;
  for (int t = 0; t < 4; ++t) {
    wg.add(1);
    chan::go([&accounts, &wg, t] {
      for (int i = 0; i < 200; ++i) {
        Account& a = accounts[(t + i) % 4];
        Account& b = accounts[(t + i + 1 + i % 2) % 4];
        if (&a != &b) {
          transfer(a, b, 7);
          transfer(b, a, 3);  // the opposite direction: same lock order
        }
      }
      wg.done();
    });
  }
  wg.wait();

  long total = 0;
  for (Account& a : accounts) {
    std::lock_guard<std::mutex> lock(a.mu);
    total += a.balance;
  }
  return total == 4000 ? 0 : 1;
}
