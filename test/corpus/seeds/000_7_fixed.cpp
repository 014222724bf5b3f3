// corpus: seeds/000_7 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.5, multi-producer single-consumer shutdown race (a C++ lock-free queue in the article)
// mechanism: shutdown waits for every producer (WaitGroup), then closes the channel; the consumer ranges until closed and drained, so no send is left without a receiver.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto items = chan::make<int>();
  chan::WaitGroup consumer;
  consumer.add(1);
  int consumed = 0;
  chan::go([items, &consumer, &consumed]() {
    for (int v : items) {
      std::printf("consumed %d\n", v);
      ++consumed;
    }
    consumer.done();
  });

  chan::WaitGroup producers;
  for (int value = 1; value <= 2; ++value) {
    producers.add(1);
    chan::go([items, value, &producers]() {
      items.send(value);
      producers.done();
    });
  }
  producers.wait();  // every producer has delivered
  items.close();     // shutdown: only now, by the side that knows sends are over
  consumer.wait();
  return consumed == 2 ? 0 : 1;
}
