// corpus: safe/locks_scoped_lock_both_orders
// origin: precision suite
// mechanism: two code paths lock the same pair of mutexes with std::scoped_lock in opposite argument orders (inventory-then-ledger in sell(), ledger-then-inventory in audit()); std::scoped_lock acquires several mutexes with std::lock's deadlock-avoidance algorithm, so the textual order does not matter and concurrent calls cannot deadlock.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <mutex>
#include <string>

class Shop {
 public:
  Shop() { stock_["widget"] = 1000; }

  bool sell(const std::string& item, int qty, long price) {
    std::scoped_lock lock(inventory_mu_, ledger_mu_);
    auto it = stock_.find(item);
    if (it == stock_.end() || it->second < qty) return false;
    it->second -= qty;
    revenue_ += qty * price;
    return true;
  }

  // Consistency check: stock sold so far matches the revenue.
  bool audit(long price) {
    std::scoped_lock lock(ledger_mu_, inventory_mu_);
    return (1000 - stock_["widget"]) * price == revenue_;
  }

 private:
  std::mutex inventory_mu_;
  std::mutex ledger_mu_;
  std::map<std::string, int> stock_;  // guarded by inventory_mu_
  long revenue_ = 0;                  // guarded by ledger_mu_
};

int main() {
  Shop shop;
  chan::WaitGroup wg;
  auto audits_failed = chan::make<int>(2);
  for (int s = 0; s < 2; ++s) {
    wg.add(2);
    chan::go([&shop, &wg] {
      for (int i = 0; i < 300; ++i)
        shop.sell("widget", 1, 5);
      wg.done();
    });
    chan::go([&shop, &wg, audits_failed] {
      int failed = 0;
      for (int i = 0; i < 300; ++i)
        failed += shop.audit(5) ? 0 : 1;
      audits_failed.send(failed);
      wg.done();
    });
  }
  wg.wait();
  const int failed = audits_failed.recv() + audits_failed.recv();
  return failed == 0 && shop.audit(5) && !shop.sell("widget", 1000, 5) ? 0 : 1;
}
