// corpus: goker/cockroach_7504 buggy
// origin: GoBench GoKer cockroach#7504 (blocking: resource deadlock, AB-BA deadlock)
// mechanism: Release() locks the lease and then, removing it from the table name cache, the cache's mu, while AcquireByName() locks the cache's mu and then the lease it found: the two goroutines take the locks in opposite orders.
// run: deadlock
//
// The interleaving is forced where the kernel marks it (`//+time.Sleep`): the
// name lookup holds the cache lock for 200 ms before it locks the lease, and
// the release starts 50 ms after the lookup.
#include <chan/chan.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

struct LeaseState {
  chan::Mutex mu;
  int id = 0;
};

using LeasePtr = std::shared_ptr<LeaseState>;

int make_cache_key(const LeaseState& lease) { return lease.id; }

class LeaseSet {
 public:
  explicit LeaseSet(int n) {
    for (int i = 0; i < n; ++i) insert(std::make_shared<LeaseState>());
  }
  void insert(LeasePtr lease) {
    lease->id = static_cast<int>(data_.size());
    data_.push_back(std::move(lease));
  }
  LeasePtr find(int id) const { return data_.at(static_cast<std::size_t>(id)); }
  void remove(const LeasePtr& lease) { std::erase(data_, lease); }

 private:
  std::vector<LeasePtr> data_;
};

class TableNameCache {
 public:
  void put(const LeasePtr& lease) {
    std::lock_guard lock(mu_);
    tables_[make_cache_key(*lease)] = lease;
  }

  void get(int id) {
    std::lock_guard lock(mu_);
    auto it = tables_.find(id);
    if (it == tables_.end()) return;
    if (!it->second) throw std::logic_error("nil lease in name cache");
    std::this_thread::sleep_for(200ms);  // forces the interleaving (see header)
    std::lock_guard lease_lock(it->second->mu);  // expect: CH204
  }

  void remove(const LeasePtr& lease) {
    std::lock_guard lock(mu_);  // expect: CH204
    auto it = tables_.find(make_cache_key(*lease));
    if (it != tables_.end() && it->second == lease) tables_.erase(it);
  }

 private:
  chan::Mutex mu_;
  std::map<int, LeasePtr> tables_;
};

class TableState {
 public:
  TableState(std::shared_ptr<TableNameCache> name_cache, std::shared_ptr<LeaseSet> active)
      : name_cache_(std::move(name_cache)), active_(std::move(active)) {}

  void release(const LeasePtr& lease) {
    std::lock_guard lock(mu_);
    LeasePtr s = active_->find(make_cache_key(*lease));
    std::lock_guard lease_lock(s->mu);
    remove_lease(s);
  }

 private:
  void remove_lease(const LeasePtr& lease) {
    active_->remove(lease);
    name_cache_->remove(lease);
  }

  std::shared_ptr<TableNameCache> name_cache_;
  chan::Mutex mu_;
  std::shared_ptr<LeaseSet> active_;
};

class LeaseManager {
 public:
  LeaseManager(std::shared_ptr<TableNameCache> names, std::shared_ptr<TableState> table)
      : table_names_(std::move(names)) {
    tables_[0] = std::move(table);
  }

  void acquire_by_name(int id) { table_names_->get(id); }
  void release(const LeasePtr& lease) { find_table_state(*lease)->release(lease); }

 private:
  std::shared_ptr<TableState> find_table_state(const LeaseState&) const { return tables_.at(0); }

  std::shared_ptr<TableNameCache> table_names_;
  std::map<int, std::shared_ptr<TableState>> tables_;
};

}  // namespace

int main() {
  constexpr int kLeases = 2;
  auto leases = std::make_shared<LeaseSet>(kLeases);
  auto names = std::make_shared<TableNameCache>();
  for (int i = 0; i < kLeases; ++i) names->put(leases->find(i));
  auto manager = std::make_shared<LeaseManager>(names, std::make_shared<TableState>(names, leases));

  chan::WaitGroup wg;
  wg.add(2);
  chan::go([manager, &wg] {  // G1: name cache, then lease
    manager->acquire_by_name(0);
    wg.done();
  });
  std::this_thread::sleep_for(50ms);  // forces the interleaving (see header)
  LeasePtr lease = leases->find(0);
  chan::go([manager, lease, &wg] {  // G2: lease, then name cache
    manager->release(lease);
    wg.done();
  });
  wg.wait();
}
