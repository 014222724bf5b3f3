// corpus: goker/cockroach_584 fixed
// origin: GoBench GoKer cockroach#584 (blocking: resource deadlock, double locking)
// mechanism: bootstrap() and manage() unlock mu before leaving their retry loops on shutdown, so manage() can take the lock after bootstrap().
// run: exit0
#include <chan/chan.hpp>

#include <memory>

namespace {

class Gossip {
 public:
  explicit Gossip(bool closed) : closed_(closed) {}

  void bootstrap() {
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      mu_.lock();
      if (closed_) {  // shutting down: stop retrying
        mu_.unlock();
        break;
      }
      mu_.unlock();
      if (connect_to_bootstrap_hosts()) break;
    }
  }

  void manage() {
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      mu_.lock();
      if (closed_) {
        mu_.unlock();
        break;
      }
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
