// corpus: goker/moby_36114 fixed
// origin: GoBench GoKer moby#36114 (blocking: resource deadlock, double locking)
// mechanism: the rollback in hotAddVHDsAtStart() calls hotRemoveVHDsNoLock(), which expects the caller to hold the service VM's lock; only the public hotRemoveVHDs() locks.
// run: exit0
#include <chan/chan.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <system_error>
#include <vector>

namespace {

struct MappedVirtualDisk {
  std::string host_path;
  std::string container_path;
};

class ServiceVM {
 public:
  explicit ServiceVM(std::size_t max_disks) : max_disks_(max_disks) {}

  std::error_code hot_add_vhds_at_start(const std::vector<MappedVirtualDisk>& disks) {
    std::lock_guard lock(mu_);
    for (std::size_t i = 0; i < disks.size(); ++i) {
      if (std::error_code err = hot_add_vhd(disks[i])) {
        hot_remove_vhds_no_lock(std::span(disks).first(i));  // rolls back the disks already added
        return err;
      }
      ++attached_[disks[i].host_path];
    }
    return {};
  }

  void hot_remove_vhds(std::span<const MappedVirtualDisk> disks) {
    std::lock_guard lock(mu_);
    hot_remove_vhds_no_lock(disks);
  }

 private:
  // The caller holds mu_.
  void hot_remove_vhds_no_lock(std::span<const MappedVirtualDisk> disks) {
    for (const MappedVirtualDisk& disk : disks) attached_.erase(disk.host_path);
  }

  std::error_code hot_add_vhd(const MappedVirtualDisk&) const {
    if (attached_.size() >= max_disks_) return std::make_error_code(std::errc::no_buffer_space);
    return {};
  }

  chan::Mutex mu_;
  std::map<std::string, int> attached_;
  std::size_t max_disks_;
};

}  // namespace

int main() {
  auto svm = std::make_shared<ServiceVM>(/*max_disks=*/1);
  std::vector<MappedVirtualDisk> disks = {{"C:\\layers\\a.vhdx", "/tmp/a"}, {"C:\\layers\\b.vhdx", "/tmp/b"}};
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([svm, disks, &wg] {
    // On success the container runs, then stops and detaches its disks.
    if (!svm->hot_add_vhds_at_start(disks)) svm->hot_remove_vhds(disks);
    wg.done();
  });
  wg.wait();
}
