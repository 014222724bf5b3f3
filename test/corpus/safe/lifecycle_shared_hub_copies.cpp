// corpus: safe/lifecycle_shared_hub_copies
// origin: precision suite
// mechanism: two components each hold a std::shared_ptr copy of one Hub; both call hub->shutdown(), which closes the hub's channel under std::call_once, so the second call through the other copy of the pointer does not close again; sends happen only before the first shutdown.
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <mutex>

class Hub {
 public:
  void announce(int v) { feed_.send(v); }
  void shutdown() {
    std::call_once(once_, [this] { feed_.close(); });
  }
  chan::RecvChan<int> feed() const { return feed_; }

 private:
  chan::Chan<int> feed_ = chan::make<int>(8);
  std::once_flag once_;
};

class Scheduler {
 public:
  explicit Scheduler(std::shared_ptr<Hub> hub) : hub_(std::move(hub)) {}
  void tick(int n) {
    for (int i = 0; i < n; ++i)
      hub_->announce(i);
  }
  void stop() { hub_->shutdown(); }

 private:
  std::shared_ptr<Hub> hub_;
};

class Monitor {
 public:
  explicit Monitor(std::shared_ptr<Hub> hub) : hub_(std::move(hub)) {}
  int watch() {
    int n = 0;
    for (int v : hub_->feed())
      n += v >= 0 ? 1 : 0;
    return n;
  }
  void stop() { hub_->shutdown(); }

 private:
  std::shared_ptr<Hub> hub_;
};

int main() {
  auto hub = std::make_shared<Hub>();
  Scheduler scheduler(hub);
  Monitor monitor(hub);

  auto seen = chan::make<int>(1);
  chan::go([&monitor, seen] { seen.send(monitor.watch()); });

  scheduler.tick(5);
  scheduler.stop();
  monitor.stop();  // same hub through another shared_ptr: call_once skips it
  hub.reset();     // the components keep the hub alive

  return seen.recv() == 5 ? 0 : 1;
}
