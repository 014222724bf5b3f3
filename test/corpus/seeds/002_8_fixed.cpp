// corpus: seeds/002_8 fixed
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 3.1, spawnWorkers (workers exchanging *Worker over ctrl channels)
// mechanism: each worker runs a control receive on its own ctrl channel, so the peer announcements are delivered and every goroutine ends.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

struct Worker {
  const char* name;
  chan::Chan<int> jobs = chan::make<int>();
  chan::Chan<Worker*> ctrl = chan::make<Worker*>();
  Worker* peer = nullptr;
};

int main() {
  Worker w1{"w1"}, w2{"w2"};
  chan::WaitGroup all;
  all.add(4);
  for (Worker* w : {&w1, &w2}) {
    chan::go([w, &all] {  // the worker's control loop takes its peer
      auto [peer, ok] = w->ctrl.recv_ok();
      if (ok) w->peer = peer;
      all.done();
    });
  }
  chan::go([ctrl = w1.ctrl, peer = &w2, &all] {
    ctrl.send(peer);
    all.done();
  });
  chan::go([ctrl = w2.ctrl, peer = &w1, &all] {
    ctrl.send(peer);
    all.done();
  });
  all.wait();
  std::printf("%s <-> %s\n", w1.peer->name, w2.peer->name);
  return (w1.peer == &w2 && w2.peer == &w1) ? 0 : 1;
}
