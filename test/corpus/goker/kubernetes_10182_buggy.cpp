// corpus: goker/kubernetes_10182 buggy
// origin: GoBench GoKer kubernetes#10182 (blocking: mixed deadlock, channel & lock)
// mechanism: SetPodStatus() sends on the unbuffered podStatusChannel while holding podStatusesLock, and the sync loop that receives it needs that lock in DeletePodStatus() first, so the loop and a second setter wait on each other.
// run: deadlock
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>

namespace {

struct StatusManager {
  chan::RWMutex pod_statuses_lock;
  chan::Chan<bool> pod_status_channel = chan::make<bool>();

  void start(const std::shared_ptr<StatusManager>& self, chan::WaitGroup& wg) {
    chan::go([self, &wg] {  // G1: the sync loop
      for (int i = 0; i < 2; ++i) self->sync_batch();
      wg.done();
    });
  }

  void sync_batch() {
    pod_status_channel.recv();
    // Syncing takes a while: this forces the interleaving in which the
    // second setter takes the lock before the loop deletes the status.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    delete_pod_status();
  }

  void delete_pod_status() {
    pod_statuses_lock.lock();  // expect: CH203
    pod_statuses_lock.unlock();
  }

  void set_pod_status() {
    pod_statuses_lock.lock();
    pod_status_channel.send(true);
    pod_statuses_lock.unlock();
  }
};

}  // namespace

int main() {
  auto manager = std::make_shared<StatusManager>();
  chan::WaitGroup wg;
  wg.add(3);
  manager->start(manager, wg);
  chan::go([manager, &wg] { manager->set_pod_status(); wg.done(); });  // G2
  chan::go([manager, &wg] { manager->set_pod_status(); wg.done(); });  // G3
  wg.wait();
}
