// corpus: safe/locks_callbacks_outside_lock
// origin: precision suite
// mechanism: an observable Thermostat copies its std::function listeners under its chan::Mutex and invokes them after releasing it; one listener calls back into the thermostat (reading the setpoint, which locks) and another unsubscribes itself, both of which would self-deadlock on a non-recursive mutex if listeners ran under the lock.
// run: exit0
#include <chan/chan.hpp>

#include <functional>
#include <map>
#include <mutex>
#include <vector>

class Thermostat {
 public:
  using Listener = std::function<void(int)>;

  int subscribe(Listener l) {
    std::lock_guard lock(mu_);
    listeners_.emplace(next_id_, std::move(l));
    return next_id_++;
  }
  void unsubscribe(int id) {
    std::lock_guard lock(mu_);
    listeners_.erase(id);
  }
  int setpoint() {
    std::lock_guard lock(mu_);
    return setpoint_;
  }

  void set(int degrees) {
    std::vector<Listener> snapshot;
    {
      std::lock_guard lock(mu_);
      setpoint_ = degrees;
      for (auto& [id, l] : listeners_) snapshot.push_back(l);
    }
    for (auto& l : snapshot) l(degrees);  // no lock held: listeners may call back
  }

 private:
  chan::Mutex mu_;
  std::map<int, Listener> listeners_;
  int next_id_ = 0;
  int setpoint_ = 20;
};

int main() {
  Thermostat t;
  auto log = chan::make<int>(16);
  int mismatches = 0;
  t.subscribe([&](int d) {
    if (t.setpoint() != d) ++mismatches;  // re-enters: takes the lock
  });
  int once_id = -1;
  once_id = t.subscribe([&](int d) {
    log.send(d);
    t.unsubscribe(once_id);  // re-enters: removes itself
  });

  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    t.set(21);
    t.set(22);
    wg.done();
  });
  wg.wait();
  log.close();
  int logged = 0;
  for (int d : log) logged += d == 21 ? 1 : 0;
  return logged == 1 && mismatches == 0 && t.setpoint() == 22 ? 0 : 1;
}
