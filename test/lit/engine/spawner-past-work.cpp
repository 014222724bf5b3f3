// What a goroutine may still do is what lies ahead of it, not the code it
// already ran: a spawner that started its workers and now waits for them is
// not a partner of a worker blocked on a channel only another worker used.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <memory>

struct Node {
  chan::Chan<chan::Chan<int>> status = chan::make<chan::Chan<int>>();
  chan::Chan<chan::Unit> stop = chan::make<chan::Unit>();

  void run() {
    for (bool running = true; running;)
      chan::select(chan::on_recv(status, [](chan::Chan<int> reply, bool) { reply.send(1); }),
                   chan::on_recv(stop, [&](chan::Unit, bool) { running = false; }));
  }
  int get_status() {
    auto reply = chan::make<int>();
    status.send(reply);
    // CHECK: :[[@LINE-1]]:5: error: the goroutine started at line [[@LINE+12]] blocks forever sending on channel 'status': no goroutine is left to receive (a goroutine leak) [CH201 blocked-send-leak]
    return reply.recv();
  }
};

// The status request comes after the node loop has stopped: nobody receives it.
int main() {
  auto node = std::make_shared<Node>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([node, &wg] { node->run(); wg.done(); });
  node->stop.send({});
  chan::go([node, &wg] { node->get_status(); wg.done(); });
  wg.wait();
}

// ---- nothing below may be reported ----

int status_before_stop() {
  auto node = std::make_shared<Node>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([node, &wg] { node->run(); wg.done(); });
  auto answered = chan::make<int>(1);
  chan::go([node, &wg, answered] { answered.send(node->get_status()); wg.done(); });
  int s = answered.recv();
  node->stop.send({});
  wg.wait();
  return s;
}
