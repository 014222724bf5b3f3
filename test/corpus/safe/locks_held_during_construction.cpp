// corpus: safe/locks_held_during_construction
// origin: precision suite
// mechanism: a Registry's constructor takes its own mutex while it loads the initial entries through the same private helpers the public methods use under the lock (the *_locked helpers never lock); the constructor releases the lock before the object is shared with any goroutine, so no acquisition ever waits on a lock its own goroutine holds.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

class Registry {
 public:
  explicit Registry(const std::vector<std::string>& seed) {
    std::unique_lock<chan::Mutex> lock(mu_);
    for (const std::string& name : seed) register_locked(name);
  }  // unlocked here, before anyone else can see the object

  int add(const std::string& name) {
    std::lock_guard<chan::Mutex> lock(mu_);
    return register_locked(name);
  }

  int id_of(const std::string& name) {
    std::lock_guard<chan::Mutex> lock(mu_);
    auto it = ids_.find(name);
    return it == ids_.end() ? -1 : it->second;
  }

  std::size_t size() {
    std::lock_guard<chan::Mutex> lock(mu_);
    return ids_.size();
  }

 private:
  int register_locked(const std::string& name) {  // caller holds mu_
    auto [it, inserted] = ids_.emplace(name, next_id_);
    if (inserted) ++next_id_;
    return it->second;
  }

  chan::Mutex mu_;
  std::map<std::string, int> ids_;
  int next_id_ = 0;
};

int main() {
  Registry registry({"cpu", "memory", "disk"});
  chan::WaitGroup wg;
  for (int g = 0; g < 3; ++g) {
    wg.add(1);
    chan::go([&registry, &wg, g] {
      registry.add("net" + std::to_string(g));
      registry.add("cpu");  // already there: keeps id 0
      wg.done();
    });
  }
  wg.wait();
  return registry.size() == 6 && registry.id_of("cpu") == 0 && registry.id_of("disk") == 2 ? 0 : 1;
}
