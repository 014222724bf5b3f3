// corpus: goker/cockroach_10214 fixed
// origin: GoBench GoKer cockroach#10214 (blocking: resource deadlock, AB-BA deadlock)
// mechanism: reportUnreachable() only records the remote in a per-replica list under its own small lock, and tick() reports the recorded remotes while it holds raftMu, so the heartbeat goroutine never waits for raftMu while holding coalescedMu.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

class Store;

class Replica {
 public:
  explicit Replica(Store* store) : store_(store) {}

  void report_unreachable(int remote) {
    std::lock_guard lock(unreachables_mu_);
    unreachable_remotes_.push_back(remote);
  }

  void tick() {
    std::lock_guard lock(raft_mu_);
    std::this_thread::sleep_for(200ms);  // same schedule as the buggy program
    std::vector<int> remotes;
    {
      std::lock_guard unreachables(unreachables_mu_);
      remotes.swap(unreachable_remotes_);
    }
    reported_ += remotes.size();  // reports them to the raft group
    tick_raft_mu_locked();
  }

 private:
  void tick_raft_mu_locked() {
    std::lock_guard lock(mu_);
    maybe_quiesce_locked();
  }

  bool maybe_quiesce_locked() {
    for (int i = 0; i < 2; ++i) {
      if (!maybe_coalesce_heartbeat()) return true;
    }
    return false;
  }

  bool maybe_coalesce_heartbeat();

  chan::Mutex raft_mu_;
  chan::Mutex mu_;
  chan::Mutex unreachables_mu_;
  std::vector<int> unreachable_remotes_;
  std::size_t reported_ = 0;
  Store* store_;  // the store owns its replicas
};

class Store {
 public:
  struct CoalescedHeartbeats {
    chan::Mutex mu;
    std::vector<int> responses;
  };

  CoalescedHeartbeats coalesced;
  std::vector<std::shared_ptr<Replica>> replicas;

  void send_queued_heartbeats() {
    std::lock_guard lock(coalesced.mu);
    for (int remote : coalesced.responses) send_queued_heartbeats_to_node(remote);
  }

 private:
  void send_queued_heartbeats_to_node(int remote) {
    for (const auto& replica : replicas) replica->report_unreachable(remote);
  }
};

bool Replica::maybe_coalesce_heartbeat() {
  std::lock_guard lock(store_->coalesced.mu);
  return true;
}

}  // namespace

int main() {
  auto store = std::make_shared<Store>();
  store->coalesced.responses = {1, 2};
  store->replicas = {std::make_shared<Replica>(store.get()), std::make_shared<Replica>(store.get())};

  chan::WaitGroup wg;
  wg.add(2);
  chan::go([store, &wg] {
    store->replicas[0]->tick();
    wg.done();
  });
  std::this_thread::sleep_for(50ms);
  chan::go([store, &wg] {
    store->send_queued_heartbeats();
    wg.done();
  });
  wg.wait();
}
