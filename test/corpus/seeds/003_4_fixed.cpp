// corpus: seeds/003_4 fixed
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), section 2.4, chansend panic conditions: "buffer full and buffered -> panic"
// mechanism: a worker goroutine drains the jobs, so a send into the full buffer waits only until the worker frees a slot.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto jobs = chan::make<int>(1);
  chan::WaitGroup worker;
  worker.add(1);
  int done_jobs = 0;
  chan::go([jobs, &worker, &done_jobs] {
    for (int job : jobs) {
      std::printf("job %d\n", job);
      ++done_jobs;
    }
    worker.done();
  });
  jobs.send(1);
  std::puts("queueing a second job");
  jobs.send(2);
  jobs.close();
  worker.wait();
  return done_jobs == 2 ? 0 : 1;
}
