// corpus: goker/etcd_6857 buggy
// origin: GoBench GoKer etcd#6857 (blocking: communication deadlock, channel)
// mechanism: Status() sends its reply channel on n.status with a plain send, so once run() has returned after Stop() nobody receives and the caller blocks forever.
// run: deadlock
//
// Roles as in the kernel: G1 runs the node loop, G3 stops it, G2 then asks
// for the status.  G2 starts only after G3 has finished: this forces the
// interleaving in which the loop is already gone when the status request comes.
#include <chan/chan.hpp>

#include <memory>

namespace {

struct Status {};

struct Node {
  chan::Chan<chan::Chan<Status>> status = chan::make<chan::Chan<Status>>();
  chan::Chan<chan::Unit> stop = chan::make<chan::Unit>();
  chan::Chan<chan::Unit> done = chan::make<chan::Unit>();

  Status get_status() {
    auto reply = chan::make<Status>();
    status.send(reply);  // expect: CH201
    return reply.recv();
  }

  void run() {
    for (bool running = true; running;) {
      chan::select(
          chan::on_recv(status, [](chan::Chan<Status> reply, bool) { reply.send(Status{}); }),
          chan::on_recv(stop, [&](chan::Unit, bool) {
            done.close();
            running = false;
          }));
    }
  }

  void stop_node() {
    bool already_done = false;
    chan::select(chan::on_send(stop, chan::Unit{}, [] {}),
                 chan::on_recv(done, [&](chan::Unit, bool) { already_done = true; }));
    if (!already_done) done.recv();
  }
};

}  // namespace

int main() {
  auto node = std::make_shared<Node>();
  chan::WaitGroup wg;
  wg.add(3);
  chan::go([node, &wg] { node->run(); wg.done(); });         // G1
  auto stopped = chan::make<chan::Unit>();
  chan::go([node, &wg, stopped] {                             // G3
    node->stop_node();
    stopped.close();
    wg.done();
  });
  stopped.recv();
  chan::go([node, &wg] { node->get_status(); wg.done(); });  // G2
  wg.wait();
}
