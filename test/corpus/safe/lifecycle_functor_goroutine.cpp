// corpus: safe/lifecycle_functor_goroutine
// origin: precision suite
// mechanism: a Ticker functor (a struct with operator()) holds its output channel by value and is started with chan::go(Ticker{...}); it sends a fixed number of ticks and closes its channel at the end of operator(); a second functor instance gets a different channel, so the two closes are of different channels.
// run: exit0
#include <chan/chan.hpp>

struct Ticker {
  chan::Chan<int> out;
  int ticks;
  int step;

  void operator()() const {
    for (int i = 0; i < ticks; ++i)
      out.send(i * step);
    out.close();
  }
};

struct Summer {
  chan::Chan<int> in;
  chan::Chan<int> total;

  void operator()() const {
    int sum = 0;
    for (int v : in)
      sum += v;
    total.send(sum);
  }
};

int main() {
  auto fast = chan::make<int>();
  auto slow = chan::make<int>(3);
  auto totals = chan::make<int>(2);

  chan::go(Ticker{fast, 5, 1});
  chan::go(Ticker{slow, 3, 10});
  chan::go(Summer{fast, totals});
  chan::go(Summer{slow, totals});

  const int t1 = totals.recv();
  const int t2 = totals.recv();
  // 0+1+2+3+4 = 10 and 0+10+20 = 30, in either order
  return t1 + t2 == 40 && (t1 == 10 || t1 == 30) ? 0 : 1;
}
