// corpus: goker/kubernetes_13135 fixed
// origin: GoBench GoKer kubernetes#13135 (blocking: resource deadlock, AB-BA deadlock)
// mechanism: startCaching() marks the Cacher unusable with a separate lock, usable, which onReplace releases, while processEvent() takes the Cacher's own lock; no goroutine takes the watch cache lock and the Cacher lock in opposite orders.
// run: exit0
#include <chan/chan.hpp>

#include <any>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace {

using namespace std::chrono_literals;

// Runs f every period until stop is closed.
void until(const std::function<void()>& f, std::chrono::milliseconds period, chan::RecvChan<chan::Unit> stop) {
  for (;;) {
    bool stopped = false;
    chan::select(chan::on_recv(stop, [&] { stopped = true; }), chan::on_default([] {}));
    if (stopped) return;
    f();
    std::this_thread::sleep_for(period);
  }
}

class Store {
 public:
  virtual ~Store() = default;
  virtual void add(std::any obj) = 0;
  virtual void replace(std::any obj) = 0;
};

class WatchCache final : public Store {
 public:
  void set_on_event(std::function<void()> on_event) {
    std::lock_guard lock(mu_);
    on_event_ = std::move(on_event);
  }

  void set_on_replace(std::function<void()> on_replace) {
    std::lock_guard lock(mu_);
    on_replace_ = std::move(on_replace);
  }

  void add(std::any) override { process_event(); }

  void replace(std::any) override {
    std::lock_guard lock(mu_);
    if (on_replace_) on_replace_();
  }

 private:
  void process_event() {
    std::lock_guard lock(mu_);
    if (on_event_) on_event_();
  }

  chan::RWMutex mu_;
  std::function<void()> on_replace_;
  std::function<void()> on_event_;
};

class Reflector {
 public:
  explicit Reflector(std::shared_ptr<Store> store) : store_(std::move(store)) {}

  bool list_and_watch(chan::RecvChan<chan::Unit>) {
    std::this_thread::sleep_for(100ms);  // lists from etcd
    store_->replace({});
    return true;
  }

 private:
  std::shared_ptr<Store> store_;
};

class Cacher {
 public:
  static std::shared_ptr<Cacher> create(chan::Chan<chan::Unit> stop) {
    auto cacher = std::make_shared<Cacher>();
    cacher->initialized_.add(1);
    Cacher* c = cacher.get();  // the callbacks live in the cacher's own watch cache
    cacher->watch_cache_->set_on_replace([c] {
      std::call_once(c->init_once_, [c] { c->initialized_.done(); });
      c->usable_.unlock();
    });
    cacher->watch_cache_->set_on_event([c] { c->process_event(); });
    chan::go([cacher, stop] {  // G2: the caching loop
      until([&] { cacher->start_caching(stop); }, 0ms, stop);
      cacher->stopped_.close();
    });
    cacher->initialized_.wait();
    return cacher;
  }

  WatchCache& watch_cache() { return *watch_cache_; }
  void wait_stopped() const { stopped_.recv(); }

 private:
  void process_event() {
    std::lock_guard lock(mu_);
  }

  void start_caching(chan::RecvChan<chan::Unit> stop) {
    usable_.lock();  // unlocked by the watch cache's onReplace callback
    while (!reflector_.list_and_watch(stop)) {
    }
  }

  // Held while the cache is being (re)populated: user-facing methods would
  // read-lock it before using the cache.
  chan::RWMutex usable_;
  chan::Mutex mu_;
  chan::WaitGroup initialized_;
  std::once_flag init_once_;
  std::shared_ptr<WatchCache> watch_cache_ = std::make_shared<WatchCache>();
  Reflector reflector_{watch_cache_};
  chan::Chan<chan::Unit> stopped_ = chan::make<chan::Unit>();
};

}  // namespace

int main() {
  auto stop = chan::make<chan::Unit>();
  auto cacher = Cacher::create(stop);  // G1
  std::this_thread::sleep_for(50ms);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([cacher, &wg] {  // G3: an incoming event
    cacher->watch_cache().add({});
    wg.done();
  });
  chan::go([stop] { stop.close(); });
  wg.wait();
  cacher->wait_stopped();
}
