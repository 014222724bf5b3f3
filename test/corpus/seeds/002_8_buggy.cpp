// corpus: seeds/002_8 buggy
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 3.1, spawnWorkers (workers exchanging *Worker over ctrl channels)
// mechanism: each of two goroutines sends a worker pointer on the other worker's unbuffered ctrl channel, which nobody ever receives from: both sends block forever.
// run: leak
//
// The article blames a "channel reference cycle": "GC cannot tell whether
// either Worker can be collected because of the cross strong references". Go's
// collector handles cycles fine; what keeps the workers alive is the two
// goroutines blocked in their sends (a blocked goroutine's stack is a root).
// The leak is the blocked sends, not the cycle. Here the goroutines hold copies
// of the channel handles, as Go's goroutines hold the channel pointers.
#include <chan/chan.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

struct Worker {
  chan::Chan<int> jobs = chan::make<int>();
  chan::Chan<Worker*> ctrl = chan::make<Worker*>();
};

void spawn_workers(Worker& w1, Worker& w2) {
  chan::go([ctrl = w1.ctrl, peer = &w2] {
    ctrl.send(peer);  // expect: CH201
  });
  chan::go([ctrl = w2.ctrl, peer = &w1] {
    ctrl.send(peer);  // expect: CH201
  });
}

int main() {
  static Worker w1, w2;  // outlive the leaked goroutines
  spawn_workers(w1, w2);
  std::this_thread::sleep_for(100ms);  // let both block before the exit-time leak check
  return 0;
}
