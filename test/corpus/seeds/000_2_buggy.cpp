// corpus: seeds/000_2 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), chapter 1 table "risky operation": close(ch); ch <- x
// mechanism: the producer closes its channel on a shutdown step and then sends one more value: a send on a closed channel panics.
// run: panic: send on closed channel
//
// The article's suggested replacement, `select { case ch <- x: default: }`,
// does not avoid the panic: a send case on a closed channel is "ready" and
// panics just like a plain send (runtime/select.go, label sclose). See
// 000_11 for that form.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto results = chan::make<int>(1);
  chan::WaitGroup consumer;
  consumer.add(1);
  chan::go([results, &consumer]() {
    for (int v : results) std::printf("got %d\n", v);
    consumer.done();
  });
  results.send(1);
  results.close();  // shutdown ...
  results.send(2);  // expect: CH101
  consumer.wait();
  return 0;
}
