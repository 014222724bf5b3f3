// corpus: safe/blocking_pool_shutdown_closes_jobs
// origin: precision suite
// mechanism: a ThreadPool class starts N workers that range over a jobs channel of std::function tasks; submit() sends a task, shutdown() closes the jobs channel (the workers finish the queued tasks and leave their loop) and waits on the WaitGroup; the destructor calls shutdown() only if it has not run.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <functional>

class ThreadPool {
 public:
  explicit ThreadPool(int workers) {
    for (int i = 0; i < workers; ++i) {
      wg_.add(1);
      chan::go([jobs = jobs_, this] {
        for (std::function<void()> job : jobs)
          job();
        wg_.done();
      });
    }
  }
  ThreadPool(const ThreadPool&) = delete;
  ~ThreadPool() {
    if (!stopped_) shutdown();
  }

  void submit(std::function<void()> job) { jobs_.send(std::move(job)); }

  void shutdown() {
    stopped_ = true;
    jobs_.close();
    wg_.wait();
  }

 private:
  chan::Chan<std::function<void()>> jobs_ = chan::make<std::function<void()>>(16);
  chan::WaitGroup wg_;
  bool stopped_ = false;
};

int main() {
  std::atomic<long> sum{0};
  {
    ThreadPool pool(3);
    for (int i = 1; i <= 100; ++i)
      pool.submit([&sum, i] { sum += i; });
    pool.shutdown();
  }
  const long first = sum.load();

  {
    ThreadPool pool(2);  // shut down by its destructor
    for (int i = 0; i < 10; ++i)
      pool.submit([&sum] { sum += 1; });
  }
  return first == 5050 && sum.load() == 5060 ? 0 : 1;
}
