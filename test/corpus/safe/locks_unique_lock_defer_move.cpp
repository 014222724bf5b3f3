// corpus: safe/locks_unique_lock_defer_move
// origin: precision suite
// mechanism: a job Scheduler uses std::unique_lock in its three forms: constructed with std::defer_lock and locked later, unlocked before a blocking channel send and relocked after it, and returned from a function (the guard is moved to the caller, which releases it at scope end); the mutex is never held while blocked on the channel, and it is unlocked once per lock on every path.
// run: exit0
#include <chan/chan.hpp>

#include <deque>
#include <mutex>

class Scheduler {
 public:
  explicit Scheduler(chan::Chan<int> out) : out_(std::move(out)) {}

  void enqueue(int job) {
    std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
    const bool urgent = job % 10 == 0;  // decided without the lock
    lock.lock();
    if (urgent)
      pending_.push_front(job);
    else
      pending_.push_back(job);
  }

  // Hands every pending job to the channel, never sending while locked.
  int dispatch() {
    int sent = 0;
    std::unique_lock<std::mutex> lock(mu_);
    while (!pending_.empty()) {
      const int job = pending_.front();
      pending_.pop_front();
      lock.unlock();
      out_.send(job);  // may block until the runner takes it
      ++sent;
      lock.lock();
    }
    return sent;
  }

  std::unique_lock<std::mutex> inspect() { return std::unique_lock<std::mutex>(mu_); }
  std::size_t pending_unlocked() const { return pending_.size(); }

 private:
  std::mutex mu_;
  std::deque<int> pending_;
  chan::Chan<int> out_;
};

int main() {
  auto runs = chan::make<int>();
  auto total = chan::make<int>(1);
  chan::go([runs, total] {
    int sum = 0;
    for (int job : runs) sum += job;
    total.send(sum);
  });

  Scheduler sched(runs);
  for (int j = 1; j <= 20; ++j) sched.enqueue(j);
  const int sent = sched.dispatch();
  {
    std::unique_lock<std::mutex> held = sched.inspect();  // moved out of inspect()
    if (!held.owns_lock() || sched.pending_unlocked() != 0) return 1;
  }
  sched.enqueue(5);  // the guard above was released: this does not wait
  const int more = sched.dispatch();
  runs.close();
  return sent == 20 && more == 1 && total.recv() == 215 ? 0 : 1;
}
