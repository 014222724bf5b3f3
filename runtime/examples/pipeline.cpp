// A correct pipeline: a generator, four filter workers and a summing
// consumer, connected by channels.  The workers' WaitGroup tells a closer
// goroutine when to close the results channel, so the consumer's range ends.
// Exits 0.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  chan::Chan<int> numbers = chan::make<int>(16);
  chan::Chan<long> squares = chan::make<long>(16);

  chan::go([](chan::SendChan<int> out) {
    for (int i = 1; i <= 1000; ++i) out.send(i);
    out.close();
  }, numbers);

  chan::WaitGroup workers;
  for (int w = 0; w < 4; ++w) {
    workers.add(1);
    chan::go([&workers](chan::RecvChan<int> in, chan::SendChan<long> out) {
      for (int n : in)
        if (n % 2 == 1) out.send(static_cast<long>(n) * n);
      workers.done();
    }, numbers, squares);
  }
  chan::go([&workers](chan::SendChan<long> out) {
    workers.wait();
    out.close();
  }, squares);

  long sum = 0;
  for (long s : squares) sum += s;
  std::printf("sum of squares of odd numbers 1..1000 = %ld\n", sum);
  return sum == 166666500 ? 0 : 1;
}
