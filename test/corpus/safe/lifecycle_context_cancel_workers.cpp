// corpus: safe/lifecycle_context_cancel_workers
// origin: precision suite
// mechanism: workers loop on select between the jobs channel and ctx.done(); the coordinator cancels the context after enough results, then waits for the workers (WaitGroup) and only then closes the results channel it owns, so no worker can send on it after the close.
// run: exit0
#include <chan/chan.hpp>

int main() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  auto jobs = chan::make<int>();
  auto results = chan::make<int>(16);
  chan::WaitGroup workers;

  // An endless job source, stopped by the context.
  chan::WaitGroup feeder;
  feeder.add(1);
  chan::go([ctx = ctx, jobs, &feeder] {
    for (int i = 0;; ++i) {
      bool stop = false;
      chan::select(chan::on_send(jobs, i, [] {}), chan::on_recv(ctx.done(), [&] { stop = true; }));
      if (stop) break;
    }
    feeder.done();
  });

  for (int w = 0; w < 3; ++w) {
    workers.add(1);
    chan::go([ctx = ctx, jobs, results, &workers] {
      for (bool running = true; running;) {
        chan::select(chan::on_recv(jobs, [&](int j) {
                       chan::select(chan::on_send(results, j * 2, [] {}),
                                    chan::on_recv(ctx.done(), [&] { running = false; }));
                     }),
                     chan::on_recv(ctx.done(), [&] { running = false; }));
      }
      workers.done();
    });
  }

  int got = 0;
  while (got < 10) {
    (void)results.recv();  // value unused: only counting
    ++got;
  }
  cancel();
  workers.wait();
  feeder.wait();
  results.close();  // every sender has returned

  int leftover = 0;
  for (int v : results)
    leftover += v >= 0 ? 1 : 0;
  return got == 10 && leftover <= 16 && ctx.err() == chan::ContextError::canceled ? 0 : 1;
}
