// corpus: goker/cockroach_584 buggy
// origin: GoBench GoKer cockroach#584 (blocking: resource deadlock, double locking)
// mechanism: bootstrap() leaves its retry loop when the gossip is closed without unlocking mu, so manage(), called next by the same goroutine, locks mu a second time and blocks forever.
// run: deadlock
//
// The lock is taken inside a retry loop, so it cannot be scoped to the
// function (the upstream comment: "We cannot use defer as Lock is called
// inside a for loop"); every exit from the loop has to unlock by hand, and
// the shutdown exit forgets to.
#include <chan/chan.hpp>

#include <memory>

namespace {

class Gossip {
 public:
  explicit Gossip(bool closed) : closed_(closed) {}

  void bootstrap() {
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      mu_.lock();
      if (closed_) break;  // shutting down: stop retrying, with mu_ still locked
      mu_.unlock();
      if (connect_to_bootstrap_hosts()) break;
    }
  }

  void manage() {
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      mu_.lock();  // expect: CH206
      if (closed_) break;
      mu_.unlock();
      if (check_peers()) break;
    }
  }

 private:
  static constexpr int kMaxAttempts = 3;

  static bool connect_to_bootstrap_hosts() { return true; }
  static bool check_peers() { return true; }

  chan::Mutex mu_;
  bool closed_;
};

}  // namespace

int main() {
  auto gossip = std::make_shared<Gossip>(/*closed=*/true);
  auto done = chan::make<chan::Unit>();
  chan::go([gossip, done] {
    gossip->bootstrap();
    gossip->manage();
    done.close();
  });
  done.recv();
}
