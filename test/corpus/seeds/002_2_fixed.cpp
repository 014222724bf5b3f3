// corpus: seeds/002_2 fixed
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), chapter 1, "asymmetric buffered channel capacity" table: make(chan int, 2) and three sends
// mechanism: a consumer goroutine drains the channel while the sender sends, and the sender closes after its last send.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(2);
  chan::WaitGroup consumer;
  consumer.add(1);
  int sum = 0;
  chan::go([ch, &consumer, &sum] {
    for (int v : ch) sum += v;
    consumer.done();
  });
  for (int i = 0; i < 3; ++i) {
    ch.send(i);
  }
  ch.close();
  consumer.wait();
  std::printf("sum %d\n", sum);
  return sum == 3 ? 0 : 1;
}
