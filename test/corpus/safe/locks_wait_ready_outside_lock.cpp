// corpus: safe/locks_wait_ready_outside_lock
// origin: precision suite
// mechanism: a lazily connected Pool lets the first caller claim the initialisation under a chan::Mutex and do the slow connect with the lock released; concurrent callers copy the `ready` channel under the lock and then wait for its close without holding the lock, so the initialiser, who needs the lock again to publish the result, never waits on a waiter.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <mutex>
#include <string>

class Pool {
 public:
  std::string connection() {
    chan::Chan<chan::Unit> ready;
    bool mine = false;
    {
      std::lock_guard<chan::Mutex> lock(mu_);
      if (state_ == State::ready) return address_;
      if (state_ == State::idle) {
        state_ = State::connecting;
        mine = true;
      }
      ready = ready_;
    }
    if (mine) {
      std::string addr = connect();  // slow, unlocked
      std::lock_guard<chan::Mutex> lock(mu_);
      address_ = addr;
      state_ = State::ready;
      ready_.close();  // wakes every waiter at once
      return address_;
    }
    ready.recv();  // no lock held while waiting
    std::lock_guard<chan::Mutex> lock(mu_);
    return address_;
  }

  int connects() const { return connects_.load(); }

 private:
  enum class State { idle, connecting, ready };

  std::string connect() {
    ++connects_;
    auto handshake = chan::after(std::chrono::milliseconds(3));
    handshake.recv();
    return "10.1.2.3:5432";
  }

  chan::Mutex mu_;
  State state_ = State::idle;
  std::string address_;
  chan::Chan<chan::Unit> ready_ = chan::make<chan::Unit>();
  std::atomic<int> connects_{0};
};

int main() {
  Pool pool;
  chan::WaitGroup wg;
  std::atomic<int> right{0};
  for (int i = 0; i < 6; ++i) {
    wg.add(1);
    chan::go([&] {
      if (pool.connection() == "10.1.2.3:5432") ++right;
      wg.done();
    });
  }
  wg.wait();
  return right == 6 && pool.connects() == 1 ? 0 : 1;
}
