// corpus: goker/kubernetes_10182 fixed
// origin: GoBench GoKer kubernetes#10182 (blocking: mixed deadlock, channel & lock)
// mechanism: SetPodStatus() updates the status under podStatusesLock but sends the sync request after releasing it, so the sync loop can always take the lock.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>

namespace {

struct StatusManager {
  chan::RWMutex pod_statuses_lock;
  chan::Chan<bool> pod_status_channel = chan::make<bool>();

  void start(const std::shared_ptr<StatusManager>& self, chan::WaitGroup& wg) {
    chan::go([self, &wg] {
      for (int i = 0; i < 2; ++i) self->sync_batch();
      wg.done();
    });
  }

  void sync_batch() {
    pod_status_channel.recv();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // same schedule as the buggy program
    delete_pod_status();
  }

  void delete_pod_status() {
    pod_statuses_lock.lock();
    pod_statuses_lock.unlock();
  }

  void set_pod_status() {
    pod_statuses_lock.lock();
    pod_statuses_lock.unlock();
    pod_status_channel.send(true);
  }
};

}  // namespace

int main() {
  auto manager = std::make_shared<StatusManager>();
  chan::WaitGroup wg;
  wg.add(3);
  manager->start(manager, wg);
  chan::go([manager, &wg] { manager->set_pod_status(); wg.done(); });
  chan::go([manager, &wg] { manager->set_pod_status(); wg.done(); });
  wg.wait();
}
