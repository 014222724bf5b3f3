// corpus: goker/kubernetes_62464 fixed
// origin: GoBench GoKer kubernetes#62464 (blocking: resource deadlock, RWR deadlock)
// mechanism: GetCPUSetOrDefault() takes no lock of its own and leaves the locking to GetCPUSet() and GetDefaultCPUSet(), so no goroutine read-locks the state twice.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <utility>

namespace {

using namespace std::chrono_literals;

using CPUSet = std::set<int>;

class State {
 public:
  virtual ~State() = default;
  virtual CPUSet get_cpuset_or_default(const std::string& container_id) = 0;
  virtual bool get_cpuset(const std::string& container_id, CPUSet& out) = 0;
  virtual CPUSet get_default_cpuset() = 0;
  virtual void set_default_cpuset(CPUSet cpus) = 0;
};

class StateMemory final : public State {
 public:
  explicit StateMemory(CPUSet default_cpuset) : default_cpuset_(std::move(default_cpuset)) {}

  CPUSet get_cpuset_or_default(const std::string& container_id) override {
    std::this_thread::sleep_for(200ms);  // same schedule as the buggy program
    CPUSet cpus;
    if (get_cpuset(container_id, cpus)) return cpus;
    return get_default_cpuset();
  }

  bool get_cpuset(const std::string& container_id, CPUSet& out) override {
    std::shared_lock lock(mu_);
    auto it = assignments_.find(container_id);
    if (it == assignments_.end()) return false;
    out = it->second;
    return true;
  }

  CPUSet get_default_cpuset() override {
    std::shared_lock lock(mu_);
    return default_cpuset_;
  }

  void set_default_cpuset(CPUSet cpus) override {
    std::lock_guard lock(mu_);
    default_cpuset_ = std::move(cpus);
  }

 private:
  chan::RWMutex mu_;
  std::map<std::string, CPUSet> assignments_;
  CPUSet default_cpuset_;
};

class StaticPolicy {
 public:
  void remove_container(State& state, int released_cpu) {
    CPUSet cpus = state.get_default_cpuset();
    cpus.insert(released_cpu);
    state.set_default_cpuset(std::move(cpus));
  }
};

class Manager {
 public:
  explicit Manager(std::shared_ptr<State> state) : state_(std::move(state)) {}
  void reconcile_state() { state_->get_cpuset_or_default("container-1"); }
  State& state() { return *state_; }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace

int main() {
  auto manager = std::make_shared<Manager>(std::make_shared<StateMemory>(CPUSet{0, 1}));
  auto policy = std::make_shared<StaticPolicy>();

  chan::WaitGroup wg;
  wg.add(2);
  chan::go([manager, &wg] {  // G1
    manager->reconcile_state();
    wg.done();
  });
  std::this_thread::sleep_for(50ms);
  chan::go([manager, policy, &wg] {  // G2
    policy->remove_container(manager->state(), 2);
    wg.done();
  });
  wg.wait();
}
