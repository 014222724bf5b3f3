// corpus: safe/lifecycle_pointer_producer
// origin: precision suite
// mechanism: producers reach their output channel through a raw pointer (a parameter and a struct field of type chan::Chan<T>*); each pointer designates a different channel, and each channel is sent on and then closed exactly once through its pointer while the consumer ranges over the channel by name.
// run: exit0
#include <chan/chan.hpp>

#include <array>

struct Sink {
  chan::Chan<int>* out = nullptr;
  int base = 0;
};

void fill(chan::Chan<int>* out, int from, int to) {
  for (int i = from; i < to; ++i)
    out->send(i);
  out->close();
}

void drain_sink(const Sink& sink, int count) {
  for (int i = 0; i < count; ++i)
    sink.out->send(sink.base + i);
  sink.out->close();
}

int main() {
  auto evens = chan::make<int>(4);
  auto odds = chan::make<int>(4);
  chan::Chan<int>* target = &evens;

  chan::go([target] { fill(target, 0, 10); });
  int sum_evens = 0;
  for (int v : evens)
    sum_evens += v;

  target = &odds;  // the pointer moves on to a channel nobody closed yet
  Sink sink{target, 100};
  chan::go([sink] { drain_sink(sink, 3); });
  int sum_odds = 0;
  for (int v : odds)
    sum_odds += v;

  std::array<chan::Chan<int>, 2> pair{chan::make<int>(1), chan::make<int>(1)};
  for (chan::Chan<int>& c : pair) {
    chan::Chan<int>* p = &c;
    p->send(7);
    p->close();
  }
  int tail = 0;
  for (const chan::Chan<int>& c : pair)
    for (int v : c)
      tail += v;

  return sum_evens == 45 && sum_odds == 303 && tail == 14 ? 0 : 1;
}
