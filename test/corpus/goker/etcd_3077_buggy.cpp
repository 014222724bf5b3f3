// corpus: goker/etcd_3077 buggy
// origin: GoBench GoKer etcd#3077 (nonblocking: Go-specific, misuse channel)
// mechanism: raftNode.run() creates its stopped/done channels inside the goroutine, so a server that stops before the goroutine got that far sends on a still-nil stopped channel and blocks forever.
// run: deadlock
//
// In Go this is also a data race on the channel fields; here the raft
// goroutine starts late so that the server reads the field long before it is
// written, which forces the bad interleaving without overlapping accesses.
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>

namespace {

struct RaftNode {
  chan::Chan<chan::Unit> stopped;  // nil until run() makes it: the bug
  chan::Chan<chan::Unit> done;

  void run() {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // forces: a slow start
    stopped = chan::make<chan::Unit>();
    done = chan::make<chan::Unit>();
    auto my_stopped = stopped;
    my_stopped.recv();
    done.close();
  }
};

struct EtcdServer {
  RaftNode r;
  chan::Chan<chan::Unit> done;
  chan::Chan<chan::Unit> stop;

  void run(const std::shared_ptr<EtcdServer>& self) {
    chan::go([self] { self->r.run(); });
    // The kernel waits 10ms for r.run() to have made its channels: not enough.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stop.recv();
    auto raft_stopped = r.stopped;
    raft_stopped.send(chan::Unit{});  // expect: CH104
    auto raft_done = r.done;
    raft_done.recv();
    done.close();
  }

  void start(const std::shared_ptr<EtcdServer>& self) {
    done = chan::make<chan::Unit>();
    stop = chan::make<chan::Unit>();
    chan::go([self] { self->run(self); });
  }

  void stop_server() {
    bool already_done = false;
    chan::select(chan::on_send(stop, chan::Unit{}, [] {}),
                 chan::on_recv(done, [&](chan::Unit, bool) { already_done = true; }));
    if (!already_done) done.recv();
  }
};

}  // namespace

int main() {
  auto srv = std::make_shared<EtcdServer>();
  srv->start(srv);
  srv->stop_server();
}
