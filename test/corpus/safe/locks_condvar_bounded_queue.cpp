// corpus: safe/locks_condvar_bounded_queue
// origin: precision suite
// mechanism: a BlockingQueue built from std::mutex and two std::condition_variables waits with predicates (not full / not empty or closed) in loops that re-check after every wakeup; close() sets a flag under the lock and notifies all, so consumers blocked on an empty queue return nullopt and every goroutine finishes.
// run: exit0
#include <chan/chan.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

template <class T>
class BlockingQueue {
 public:
  explicit BlockingQueue(std::size_t capacity) : capacity_(capacity) {}

  bool push(T v) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(v));
    not_empty_.notify_one();
    return true;
  }

  std::optional<T> pop() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;  // closed and drained
    T v = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return v;
  }

  void close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  std::size_t capacity_;
  bool closed_ = false;
};

int main() {
  BlockingQueue<int> queue(4);
  chan::WaitGroup consumers;
  auto sums = chan::make<long>(3);
  for (int c = 0; c < 3; ++c) {
    consumers.add(1);
    chan::go([&queue, &consumers, sums] {
      long sum = 0;
      while (std::optional<int> v = queue.pop()) sum += *v;
      sums.send(sum);
      consumers.done();
    });
  }
  for (int i = 1; i <= 200; ++i) queue.push(i);
  queue.close();
  consumers.wait();
  const long total = sums.recv() + sums.recv() + sums.recv();
  return total == 20100 && !queue.push(1) ? 0 : 1;
}
