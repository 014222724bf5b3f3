// corpus: seeds/000_7 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.5, multi-producer single-consumer shutdown race (a C++ lock-free queue in the article)
// mechanism: the consumer shuts down on a stop signal without draining; a producer that sends after that point blocks forever on the unbuffered channel and leaks.
// run: leak
//
// The article's example is a C++ queue (a node enqueued after the consumer saw
// the shutdown flag is never consumed). With channels the same race leaves the
// late producer's send with no receiver: the goroutine is blocked forever.
// Forced interleaving: producer 2 starts only after the consumer has returned.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

void produce(chan::Chan<int> items, int value, chan::Chan<chan::Unit> sent) {
  items.send(value);  // expect: CH201
  sent.close();
}

int main() {
  auto items = chan::make<int>();
  auto stop = chan::make<chan::Unit>();
  chan::WaitGroup consumer;
  consumer.add(1);
  chan::go([items, stop, &consumer]() {
    for (bool running = true; running;) {
      chan::select(
          chan::on_recv(items, [](int v, bool) { std::printf("consumed %d\n", v); }),
          chan::on_recv(stop, [&](chan::Unit, bool) { running = false; }));
    }
    consumer.done();
  });

  auto sent1 = chan::make<chan::Unit>();
  chan::go(produce, items, 1, sent1);
  sent1.recv();  // producer 1's value was taken

  stop.close();  // shutdown: the consumer returns without draining
  consumer.wait();

  auto sent2 = chan::make<chan::Unit>();
  chan::go(produce, items, 2, sent2);  // its send never finds a receiver
  std::this_thread::sleep_for(100ms);  // let it block before the exit-time leak check
  return 0;
}
