// The order service of order_service_buggy.cpp, fixed: chcheck reports nothing.
#include <chan/chan.hpp>

#include <cstdio>
#include <mutex>

struct Order {
  int id = 0;
  int cents = 0;
};

struct OrderService {
  chan::Chan<Order> incoming = chan::make<Order>(16);
  chan::Chan<int> receipts = chan::make<int>(16);
  chan::Chan<chan::Unit> stopped = chan::make<chan::Unit>();
  std::once_flag once;

  void shutdown() {  // idempotent: the channels are closed exactly once
    std::call_once(once, [this] {
      incoming.close();
      stopped.close();
    });
  }
};

void charge(const Order &o) { std::printf("charged order %d: %d cents\n", o.id, o.cents); }

int main() {
  OrderService svc;
  chan::WaitGroup worker;
  worker.add(1);
  chan::go([&svc, &worker, q = chan::RecvChan<Order>(svc.incoming)] {
    for (Order o : q) {
      charge(o);
      svc.receipts.send(o.id);
    }
    worker.done();
  });

  svc.incoming.send({1, 1250});
  svc.incoming.send({2, 990});  // every send before the close
  svc.shutdown();
  svc.shutdown();
  worker.wait();
  svc.receipts.close();  // the worker, its only sender, is done
  for (int id : svc.receipts)
    std::printf("receipt for order %d\n", id);

  auto audit = chan::make<int>();
  chan::go([audit] {
    audit.send(2240);
    audit.close();
  });
  auto [total, ok] = audit.recv_ok();
  if (ok)
    std::printf("audited total: %d\n", total);
}
