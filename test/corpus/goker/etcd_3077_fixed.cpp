// corpus: goker/etcd_3077 fixed
// origin: GoBench GoKer etcd#3077 (nonblocking: Go-specific, misuse channel)
// mechanism: start() makes the raft node's stopped/done channels before any goroutine uses them, so a stop that comes early still reaches the raft goroutine.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>

namespace {

struct RaftNode {
  chan::Chan<chan::Unit> stopped;
  chan::Chan<chan::Unit> done;

  void run() {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // same slow start as the buggy program
    stopped.recv();
    done.close();
  }
};

struct EtcdServer {
  RaftNode r;
  chan::Chan<chan::Unit> done;
  chan::Chan<chan::Unit> stop;

  void run(const std::shared_ptr<EtcdServer>& self) {
    chan::go([self] { self->r.run(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stop.recv();
    r.stopped.send(chan::Unit{});
    r.done.recv();
    done.close();
  }

  void start(const std::shared_ptr<EtcdServer>& self) {
    done = chan::make<chan::Unit>();
    stop = chan::make<chan::Unit>();
    r.stopped = chan::make<chan::Unit>();
    r.done = chan::make<chan::Unit>();
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
