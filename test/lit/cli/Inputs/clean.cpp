// A correct producer/consumer: no finding.
#include <chan/chan.hpp>

int main() {
  auto ch = chan::make<int>(4);
  chan::go([ch]() mutable {
    for (int i = 0; i < 3; ++i)
      ch.send(i);
    ch.close();
  });
  int sum = 0;
  for (int v : ch)
    sum += v;
  return sum == 3 ? 0 : 1;
}
