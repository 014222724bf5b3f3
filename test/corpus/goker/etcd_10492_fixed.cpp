// corpus: goker/etcd_10492 fixed
// origin: GoBench GoKer etcd#10492 (blocking: resource deadlock, double locking)
// mechanism: Renew() reads what it needs under a read lock and releases it before calling the checkpointer, so Checkpoint() can take mu.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <utility>

namespace {

using Checkpointer = std::function<void(const chan::Context&)>;

class Lessor {
 public:
  void checkpoint() {
    std::lock_guard lock(mu_);
    remaining_ttl_ = std::chrono::seconds{0};
  }

  void set_checkpointer(Checkpointer cp) {
    std::lock_guard lock(mu_);
    cp_ = std::move(cp);
  }

  void renew() {
    Checkpointer cp;
    {
      std::shared_lock lock(mu_);
      cp = cp_;
    }
    if (cp) cp(chan::background());  // clears the remaining TTL through raft
  }

 private:
  chan::RWMutex mu_;
  Checkpointer cp_;
  std::chrono::seconds remaining_ttl_{60};
};

}  // namespace

int main() {
  Lessor lessor;
  // The checkpointer proposes the checkpoint to raft, whose apply loop calls
  // back into the lessor; the kernel calls it directly.
  lessor.set_checkpointer([&lessor](const chan::Context&) { lessor.checkpoint(); });
  lessor.renew();
}
