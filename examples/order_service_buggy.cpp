// An order service with the channel lifecycle bugs chcheck finds: run
// `chcheck examples/order_service_buggy.cpp -- -std=c++20 -Iruntime/include`.
// examples/order_service_fixed.cpp is the same service, fixed.
#include <chan/chan.hpp>

#include <cstdio>
#include <utility>

struct Order {
  int id = 0;
  int cents = 0;
};

struct OrderService {
  chan::Chan<Order> incoming = chan::make<Order>(16);
  chan::Chan<int> receipts;  // never made: nil
  chan::Chan<chan::Unit> stopped = chan::make<chan::Unit>();

  void shutdown() {
    incoming.close();
    stopped.close();
  }
};

void charge(const Order &o) { std::printf("charged order %d: %d cents\n", o.id, o.cents); }

// Each function below is one request path of the service, and each has one bug.

void accept_after_shutdown(OrderService &svc) {
  svc.incoming.send({1, 1250});
  svc.shutdown();
  svc.incoming.send({2, 990});  // CH101: shutdown() closed the queue
}

void shutdown_twice(OrderService &svc) {
  svc.shutdown();
  svc.shutdown();  // CH102: the second shutdown closes the queue again
}

void audit() {
  auto totals = chan::make<int>();
  chan::go([totals] { totals.close(); });  // the auditor gives up without a total
  int total = totals.recv();                // CH105: can only be the zero value
  std::printf("audited total: %d\n", total);
}

int main() {
  OrderService svc;
  svc.receipts.close();  // CH103: receipts was never made
  // A worker charges orders until the queue is closed and drained.
  chan::go([q = chan::RecvChan<Order>(svc.incoming)] {
    for (Order o : q)
      charge(o);
  });
  accept_after_shutdown(svc);
}
