// A pipeline that stalls, and what an operator sees: the goroutine dump
// (what `kill -QUIT <pid>` prints to stderr) and the JSON snapshot (what
// `kill -USR1 <pid>` writes to $CHAN_SNAPSHOT_FILE).
//
//   reader --"orders" (cap 4)--> pricer --"priced"--> writer
//                                  |
//                            price_table (Mutex) <-- auditor
//
// The bug: the pricer sends on "priced" while holding the price table's
// lock, and the writer waits for a disk that never reports ready.  So the
// writer never receives, the pricer blocks holding the lock, the auditor
// blocks on the lock, and the reader blocks on the full "orders" buffer.
// main is not blocked, so this is not a global deadlock: in production the
// process would simply stop making progress.  The demo prints both views
// and exits 0.
#include <chan/chan.hpp>

#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

struct Order {
  int id = 0;
  double price = 0;
};

int main() {
  chan::Chan<Order> orders = chan::make<Order>(4, "orders");
  chan::Chan<Order> priced = chan::make<Order>(0, "priced");
  chan::Mutex price_table;
  chan::Mutex disk;
  chan::Cond disk_ready(disk);
  bool disk_is_ready = false;  // guarded by disk; nobody ever sets it

  chan::go_named("reader", [orders]() mutable {
    for (int id = 1; id <= 10; ++id) orders.send(Order{id, 0});
    orders.close();
  });
  // lock()/unlock() rather than std::lock_guard, so reports name these
  // lines rather than the standard library's.
  chan::go_named("pricer", [&price_table, orders, priced]() mutable {
    for (Order o : orders) {
      price_table.lock();
      o.price = 9.99 * o.id;
      priced.send(o);  // bug: sends while holding the lock
      price_table.unlock();
    }
    priced.close();
  });
  chan::go_named("auditor", [&price_table] {
    for (;;) {
      price_table.lock();
      price_table.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  chan::go_named("writer", [&disk, &disk_ready, &disk_is_ready, priced] {
    {
      std::unique_lock lock(disk);
      while (!disk_is_ready) disk_ready.wait();
    }
    for (Order o : priced) std::cout << "wrote order " << o.id << "\n";
  });

  while (chan::blocked_goroutines().size() < 4) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  std::cout << "=== goroutine dump (chan::dump_goroutines; SIGQUIT prints the same) ===\n";
  chan::dump_goroutines(std::cout);
  std::cout << "\n=== snapshot (chan::snapshot_json; SIGUSR1 writes it to CHAN_SNAPSHOT_FILE) ===\n";
  std::cout << chan::snapshot_json() << std::endl;
  return 0;
}
