// corpus: seeds/000_3 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.2, closechan state table: closed -> close() -> panic
// mechanism: the stop signal channel is closed exactly once, by the stop path; cleanup does not close it again.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto stop = chan::make<chan::Unit>();
  chan::WaitGroup worker;
  worker.add(1);
  chan::go([stop, &worker]() {
    stop.recv();  // wait for the stop signal; the value is irrelevant
    std::puts("worker stopped");
    worker.done();
  });
  stop.close();  // the only close
  worker.wait();
  return 0;
}
