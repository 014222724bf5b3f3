// corpus: goker/etcd_6857 fixed
// origin: GoBench GoKer etcd#6857 (blocking: communication deadlock, channel)
// mechanism: Status() offers its request in a select that also watches n.done, so a stopped node answers with an empty status instead of blocking the caller.
// run: exit0
//
// Same schedule as the buggy program: the status request comes after Stop().
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
    bool node_stopped = false;
    chan::select(chan::on_send(status, reply, [] {}),
                 chan::on_recv(done, [&](chan::Unit, bool) { node_stopped = true; }));
    if (node_stopped) return Status{};
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
