// corpus: goker/moby_4951 buggy
// origin: GoBench GoKer moby#4951 (blocking: resource deadlock, AB-BA deadlock)
// mechanism: DeleteDevice() takes the global device set lock, then the device's lock, and drops and retakes the global lock around the wait for the device removal; a second DeleteDevice() of the same device takes the global lock in that window and waits for the device lock, while the first waits for the global lock.
// run: deadlock
//
// The interleaving is forced: the wait for the device removal takes 200 ms,
// and the second deletion starts 50 ms after the first.
#include <chan/chan.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace {

using namespace std::chrono_literals;

struct DevInfo {
  chan::Mutex lock;
  std::string name;
};

class DeviceSet {
 public:
  void add(std::string name) {
    std::lock_guard lock(mu_);
    auto info = std::make_shared<DevInfo>();
    info->name = name;
    infos_[std::move(name)] = std::move(info);
  }

  void delete_device(const std::string& hash) {
    std::unique_lock devices_lock(mu_);
    std::shared_ptr<DevInfo> info = lookup_device(hash);
    if (!info) return;
    std::lock_guard info_lock(info->lock);  // expect: CH204
    delete_device_locked(devices_lock, *info);
  }

 private:
  std::shared_ptr<DevInfo> lookup_device(const std::string& hash) const {
    auto it = infos_.find(hash);
    return it == infos_.end() ? nullptr : it->second;
  }

  void delete_device_locked(std::unique_lock<chan::Mutex>& devices_lock, const DevInfo& info) {
    remove_device_and_wait(devices_lock, info.name);
  }

  // Removes the device, waiting for it to go away without holding the global
  // lock.
  void remove_device_and_wait(std::unique_lock<chan::Mutex>& devices_lock, const std::string&) {
    devices_lock.unlock();
    std::this_thread::sleep_for(200ms);  // the device is still busy (forces the interleaving)
    devices_lock.lock();  // expect: CH204
  }

  chan::Mutex mu_;  // the global lock
  std::map<std::string, std::shared_ptr<DevInfo>> infos_;
};

}  // namespace

int main() {
  auto devices = std::make_shared<DeviceSet>();
  devices->add("info1");
  devices->add("info2");

  chan::WaitGroup wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i) {  // deletes the same device twice
    chan::go([devices, &wg] {
      devices->delete_device("info1");
      wg.done();
    });
    std::this_thread::sleep_for(50ms);  // forces the interleaving (see header)
  }
  wg.wait();
}
