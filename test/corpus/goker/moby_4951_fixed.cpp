// corpus: goker/moby_4951 fixed
// origin: GoBench GoKer moby#4951 (blocking: resource deadlock, AB-BA deadlock)
// mechanism: the device map gets a lock of its own, and DeleteDevice() takes the device's lock before the global lock, the order every path now follows, so dropping and retaking the global lock during the wait cannot invert it.
// run: exit0
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
    std::lock_guard lock(infos_mu_);
    auto info = std::make_shared<DevInfo>();
    info->name = name;
    infos_[std::move(name)] = std::move(info);
  }

  // Lock order: the device's lock, then the global lock.
  void delete_device(const std::string& hash) {
    std::shared_ptr<DevInfo> info = lookup_device(hash);
    if (!info) return;
    std::lock_guard info_lock(info->lock);
    std::unique_lock devices_lock(mu_);
    delete_device_locked(devices_lock, *info);
  }

 private:
  std::shared_ptr<DevInfo> lookup_device(const std::string& hash) {
    std::lock_guard lock(infos_mu_);
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
    std::this_thread::sleep_for(200ms);  // the device is still busy
    devices_lock.lock();
  }

  chan::Mutex mu_;        // the global lock
  chan::Mutex infos_mu_;  // guards infos_ only
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
    std::this_thread::sleep_for(50ms);
  }
  wg.wait();
}
