// corpus: seeds/000_3 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.2, closechan state table: closed -> close() -> panic
// mechanism: a stop signal channel is closed by the stop path and then again by the cleanup path: the second close panics.
// run: panic: close of closed channel
//
// The article's claims here are right (closechan panics "close of closed
// channel"); its aside that c.closed is set with atomic.Or64 is not: Go sets it
// under c.lock with a plain store.
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
  stop.close();  // stop path
  worker.wait();
  stop.close();  // expect: CH102
  return 0;
}
