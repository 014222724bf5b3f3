// corpus: goker/cockroach_10214 buggy
// origin: GoBench GoKer cockroach#10214 (blocking: resource deadlock, AB-BA deadlock)
// mechanism: sendQueuedHeartbeats() holds the store's coalescedMu while reportUnreachable() takes each replica's raftMu, and Replica::tick() holds raftMu while maybeCoalesceHeartbeat() takes coalescedMu: the two goroutines take the locks in opposite orders.
// run: deadlock
//
// The interleaving is forced: the replica starts ticking first and a tick
// takes 200 ms under raftMu; the heartbeat goroutine sends its queued
// heartbeats 50 ms in, so it holds coalescedMu when it asks for raftMu.
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
    std::lock_guard lock(raft_mu_);  // expect: CH204
    reported_.push_back(remote);     // reports it to the raft group
  }

  void tick() {
    std::lock_guard lock(raft_mu_);
    std::this_thread::sleep_for(200ms);  // ticking the raft group (forces the interleaving)
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
  std::vector<int> reported_;
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
  std::lock_guard lock(store_->coalesced.mu);  // expect: CH204
  return true;
}

}  // namespace

int main() {
  auto store = std::make_shared<Store>();
  store->coalesced.responses = {1, 2};
  store->replicas = {std::make_shared<Replica>(store.get()), std::make_shared<Replica>(store.get())};

  chan::WaitGroup wg;
  wg.add(2);
  chan::go([store, &wg] {  // G2: the raft tick of the first replica
    store->replicas[0]->tick();
    wg.done();
  });
  std::this_thread::sleep_for(50ms);  // forces the interleaving (see header)
  chan::go([store, &wg] {  // G1: the heartbeat coalescer
    store->send_queued_heartbeats();
    wg.done();
  });
  wg.wait();
}
