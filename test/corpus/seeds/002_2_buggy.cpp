// corpus: seeds/002_2 buggy
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), chapter 1, "asymmetric buffered channel capacity" table: make(chan int, 2) and three sends
// mechanism: three sends into a two-slot buffer that nobody reads: the third send blocks forever.
// run: deadlock
#include <chan/chan.hpp>

int main() {
  auto ch = chan::make<int>(2);
  for (int i = 0; i < 3; ++i) {
    ch.send(i);  // expect: CH201
  }
  return 0;
}
