// corpus: seeds/000_2 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), chapter 1 table "risky operation": close(ch); ch <- x
// mechanism: the producer, the only sender, closes the channel after its last send; the consumer's range drains everything.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto results = chan::make<int>(1);
  chan::WaitGroup consumer;
  consumer.add(1);
  int sum = 0;
  chan::go([results, &consumer, &sum]() {
    for (int v : results) sum += v;
    consumer.done();
  });
  results.send(1);
  results.send(2);
  results.close();  // after the last send, by the only sender
  consumer.wait();
  std::printf("sum %d\n", sum);
  return sum == 3 ? 0 : 1;
}
