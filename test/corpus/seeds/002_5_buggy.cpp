// corpus: seeds/002_5 buggy
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 4.2, `close(ch); ch <- 42`
// mechanism: a send on a buffered channel after its close panics, although the buffer has room.
// run: panic: send on closed channel
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(1);
  std::puts("closing");
  ch.close();
  ch.send(42);  // expect: CH101
  return 0;
}
