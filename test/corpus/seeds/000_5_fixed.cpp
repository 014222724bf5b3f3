// corpus: seeds/000_5 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.4, demoNilRead
// mechanism: the channel is made before use and a producer goroutine sends the value the receiver waits for.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>();
  chan::go([ch]() { ch.send(7); });
  int v = ch.recv();
  std::printf("%d\n", v);
  return v == 7 ? 0 : 1;
}
