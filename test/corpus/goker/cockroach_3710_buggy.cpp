// corpus: goker/cockroach_3710 buggy
// origin: GoBench GoKer cockroach#3710 (blocking: resource deadlock, RWR deadlock)
// mechanism: ForceRaftLogScanAndProcess() read-locks the store's mu and, through the raft log queue's shouldQueue(), reaches RaftStatus(), which read-locks mu again; processRaft() asks for the write lock in between, and a waiting writer blocks new readers, so each goroutine waits for the other.
// run: deadlock
//
// The interleaving is forced: computing the truncatable indexes takes 200 ms
// between the two read locks, and processRaft() starts 50 ms in.
#include <chan/chan.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

class Store;

struct Replica {
  Store* store;  // the store owns its replicas
};

// What a queue does with a replica; the raft log queue is one implementation.
class QueueImpl {
 public:
  virtual ~QueueImpl() = default;
  virtual bool should_queue(const Replica& replica) = 0;
};

class BaseQueue {
 public:
  explicit BaseQueue(std::unique_ptr<QueueImpl> impl) : impl_(std::move(impl)) {}

  void maybe_add(const Replica& replica) {
    std::lock_guard lock(mu_);
    if (impl_->should_queue(replica)) queued_.push_back(&replica);
  }

 private:
  chan::Mutex mu_;
  std::unique_ptr<QueueImpl> impl_;
  std::vector<const Replica*> queued_;
};

class Store {
 public:
  Store();

  void add_replica(int range_id) { replicas_[range_id] = std::make_shared<Replica>(Replica{this}); }

  void force_raft_log_scan_and_process() {
    std::shared_lock lock(mu_);
    for (const auto& [range_id, replica] : replicas_) raft_log_queue_->maybe_add(*replica);
  }

  int raft_status() const {
    std::shared_lock lock(mu_);  // expect: CH206
    return static_cast<int>(replicas_.size());
  }

  // Starts the raft processing goroutine; done is called when it has finished.
  void process_raft(chan::WaitGroup& done) {
    chan::go([this, &done] {
      std::vector<std::shared_ptr<Replica>> replicas;
      {
        std::lock_guard lock(mu_);
        for (const auto& [range_id, replica] : replicas_) replicas.push_back(replica);
      }
      done.done();
    });
  }

 private:
  mutable chan::RWMutex mu_;
  std::map<int, std::shared_ptr<Replica>> replicas_;
  std::unique_ptr<BaseQueue> raft_log_queue_;
};

int get_truncatable_indexes(const Replica& replica) {
  std::this_thread::sleep_for(200ms);  // reads the raft log (forces the interleaving)
  return replica.store->raft_status();
}

class RaftLogQueue final : public QueueImpl {
 public:
  bool should_queue(const Replica& replica) override { return get_truncatable_indexes(replica) > 0; }
};

Store::Store() : raft_log_queue_(std::make_unique<BaseQueue>(std::make_unique<RaftLogQueue>())) {}

}  // namespace

int main() {
  auto store = std::make_shared<Store>();
  store->add_replica(1);
  store->add_replica(2);

  chan::WaitGroup wg;
  wg.add(2);
  chan::go([store, &wg] {  // G1
    store->force_raft_log_scan_and_process();
    wg.done();
  });
  std::this_thread::sleep_for(50ms);  // forces the interleaving (see header)
  store->process_raft(wg);            // G2
  wg.wait();
}
