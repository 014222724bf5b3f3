// corpus: goker/cockroach_4407 fixed
// origin: GoBench GoKer cockroach#4407 (nonblocking: Go-specific, WaitGroup)
// mechanism: RunWorker registers the worker (Add) under the stopper's mutex and refuses once stopping, and Stop() marks stopping under that mutex before it waits, so every Add happens before Wait or not at all.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

class Stopper {
 public:
  bool run_worker(std::function<void()> f) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return false;
      workers_.add(1);
    }
    chan::go([this, f = std::move(f)] {
      f();
      workers_.done();
    });
    return true;
  }
  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
      stopper_.close();
    }
    workers_.wait();
  }

 private:
  chan::Chan<chan::Unit> stopper_ = chan::make<chan::Unit>();
  chan::WaitGroup workers_;
  chan::Mutex mu_;
  bool stopping_ = false;  // guarded by mu_
};

class Server {
 public:
  explicit Server(Stopper* stopper) : stopper_(stopper) {}

  void gossip() {
    std::lock_guard lock(mu_);
    stopper_->run_worker([this] { gossip_sender(); });
  }

 private:
  void gossip_sender() { std::lock_guard lock(mu_); }

  chan::Mutex mu_;
  Stopper* stopper_;
};

int main() {
  Stopper stopper;
  Server server(&stopper);
  for (int i = 0; i < 2; ++i) {
    chan::go([&server] {
      std::this_thread::sleep_for(20ms);
      server.gossip();
    });
  }
  std::this_thread::sleep_for(1ms);
  stopper.stop();
  std::this_thread::sleep_for(100ms);  // the refused gossip calls return
  return 0;
}
