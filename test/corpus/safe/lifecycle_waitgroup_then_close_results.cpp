// corpus: safe/lifecycle_waitgroup_then_close_results
// origin: precision suite
// mechanism: a worker pool of N goroutines started in a loop sends on a shared results channel; a closer goroutine waits on the WaitGroup (every worker's done() follows its last send) and only then closes results, so main's range ends after every result.
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <string>
#include <vector>

struct Job {
  int id;
  std::string url;
};
struct Result {
  int id;
  std::size_t bytes;
};

Result fetch(const Job& job) { return {job.id, job.url.size() * 100}; }

chan::RecvChan<Result> run_pool(const std::vector<Job>& jobs, int workers) {
  auto queue = chan::make<Job>(jobs.size());
  for (const Job& j : jobs)
    queue.send(j);
  queue.close();

  auto results = chan::make<Result>();
  auto wg = std::make_shared<chan::WaitGroup>();
  for (int w = 0; w < workers; ++w) {
    wg->add(1);
    chan::go([queue, results, wg] {
      for (const Job& j : queue)
        results.send(fetch(j));
      wg->done();
    });
  }
  chan::go([results, wg] {
    wg->wait();
    results.close();
  });
  return results;
}

int main() {
  std::vector<Job> jobs;
  for (int i = 0; i < 20; ++i)
    jobs.push_back({i, "https://example.com/" + std::to_string(i)});

  std::vector<bool> seen(jobs.size(), false);
  std::size_t total = 0;
  for (const Result& r : run_pool(jobs, 4)) {
    seen[r.id] = true;
    total += r.bytes;
  }
  for (bool s : seen)
    if (!s) return 1;
  return total > 0 ? 0 : 1;
}
