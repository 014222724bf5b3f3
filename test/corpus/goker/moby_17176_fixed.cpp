// corpus: goker/moby_17176 fixed
// origin: GoBench GoKer moby#17176 (blocking: resource deadlock, double locking)
// mechanism: cleanupDeletedDevices() unlocks the device set before its early return, so another goroutine can take the lock.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <system_error>

namespace {

using namespace std::chrono_literals;

class DeviceSet {
 public:
  explicit DeviceSet(int deleted_devices) : nr_deleted_devices_(deleted_devices) {}

  chan::Mutex& mutex() { return mu_; }

  std::error_code cleanup_deleted_devices() {
    mu_.lock();
    if (nr_deleted_devices_ == 0) {  // nothing to do
      mu_.unlock();
      return {};
    }
    mu_.unlock();
    return std::make_error_code(std::errc::device_or_resource_busy);  // deleting them fails here
  }

 private:
  chan::Mutex mu_;
  int nr_deleted_devices_;
};

// Makes sure the device set lock is released when cleanup_deleted_devices()
// returns: takes it from another goroutine.
bool lock_released_after_device_deletion() {
  auto devices = std::make_shared<DeviceSet>(0);
  devices->cleanup_deleted_devices();
  // Capacity 1: the helper never blocks on its report, even after the wait
  // below has given up.
  auto done = chan::make<bool>(1);
  chan::go([devices, done] {
    std::lock_guard lock(devices->mutex());
    done.send(true);
  });
  bool acquired = false;
  chan::select(chan::on_recv(chan::after(500ms), [] {}), chan::on_recv(done, [&] { acquired = true; }));
  return acquired;
}

}  // namespace

int main() {
  if (!lock_released_after_device_deletion()) {
    std::puts("could not acquire the device set lock");
    return 1;
  }
}
