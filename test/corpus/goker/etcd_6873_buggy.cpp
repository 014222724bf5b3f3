// corpus: goker/etcd_6873 buggy
// origin: GoBench GoKer etcd#6873 (blocking: mixed deadlock, channel & lock)
// mechanism: stop() holds wbs.mu while it closes updatec and waits on donec, but the broadcast goroutine that closes donec must first take wbs.mu in coalesce(), so the two wait on each other.
// run: deadlock
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>

namespace {

struct WatchBroadcast {
  int revision = 0;
};

struct WatchBroadcasts {
  chan::Mutex mu;
  chan::Chan<std::shared_ptr<WatchBroadcast>> updatec = chan::make<std::shared_ptr<WatchBroadcast>>(1);
  chan::Chan<chan::Unit> donec = chan::make<chan::Unit>();

  void coalesce(const std::shared_ptr<WatchBroadcast>&) {
    mu.lock();  // expect: CH203
    mu.unlock();
  }

  void stop() {
    mu.lock();
    updatec.close();
    donec.recv();
    mu.unlock();
  }

  void update(std::shared_ptr<WatchBroadcast> wb) {
    chan::select(chan::on_send(updatec, std::move(wb), [] {}), chan::on_default([] {}));
  }
};

std::shared_ptr<WatchBroadcasts> new_watch_broadcasts() {
  auto wbs = std::make_shared<WatchBroadcasts>();
  chan::go([wbs] {  // G2
    // Starting late forces the interleaving: stop() already holds mu when
    // the pending update reaches coalesce().
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (auto wb : wbs->updatec) wbs->coalesce(wb);
    wbs->donec.close();
  });
  return wbs;
}

}  // namespace

int main() {
  auto wbs = new_watch_broadcasts();  // G1
  wbs->update(std::make_shared<WatchBroadcast>());
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([wbs, &wg] {  // G3
    wbs->stop();
    wg.done();
  });
  wg.wait();
}
