// corpus: goker/cockroach_4407 buggy
// origin: GoBench GoKer cockroach#4407 (nonblocking: Go-specific, WaitGroup)
// mechanism: Gossip() starts a worker with WaitGroup.Add while Stop() may already be in WaitGroup.Wait with a zero counter: Add races Wait, so Stop can return before, or while, a late worker runs.
// run: exit0
//
// The bug is a data race on the WaitGroup (Go's race detector reports it), not
// a hang or a panic.  The sleep makes the gossip calls come after Stop()'s
// Wait has returned, so every run shows the effect: workers start on a
// stopped stopper; the program still exits 0.
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

class Stopper {
 public:
  void run_worker(std::function<void()> f) {
    workers_.add(1);  // expect: CH205
    chan::go([this, f = std::move(f)] {
      f();
      workers_.done();
    });
  }
  void stop() {
    stopper_.close();
    workers_.wait();
    std::lock_guard lock(mu_);
  }

 private:
  chan::Chan<chan::Unit> stopper_ = chan::make<chan::Unit>();
  chan::WaitGroup workers_;
  chan::Mutex mu_;
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
      std::this_thread::sleep_for(20ms);  // forces the gossip to land after Stop's Wait
      server.gossip();
    });
  }
  std::this_thread::sleep_for(1ms);
  stopper.stop();
  std::this_thread::sleep_for(100ms);  // the late workers run after Stop returned
  return 0;
}
