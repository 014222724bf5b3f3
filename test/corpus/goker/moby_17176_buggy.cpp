// corpus: goker/moby_17176 buggy
// origin: GoBench GoKer moby#17176 (blocking: resource deadlock, double locking)
// mechanism: cleanupDeletedDevices() returns without unlocking the device set when there are no deleted devices, so the next goroutine to lock the device set blocks forever.
// run: leak
//
// cleanupDeletedDevices() has to drop the lock before deleting each device,
// so it locks and unlocks by hand; the early return forgets to unlock.  The
// test gives the second goroutine 500 ms to take the lock, then gives up and
// returns, leaving it blocked.
//
// No rule of docs/rule-ids.md describes this bug, so nothing is expected: the
// lock is taken twice, but by two goroutines, and its holder does not wait
// for anything, so there is no cycle; the defect is a lock still held on one
// return path.
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
    if (nr_deleted_devices_ == 0) return {};  // nothing to do: returns with mu_ locked
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
