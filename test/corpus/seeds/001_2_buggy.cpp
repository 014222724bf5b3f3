// corpus: seeds/001_2 buggy
// origin: seed article 001 (shared/seeds/001_4fd10d7a3e6dea50.txt), section 2.3, "zero-value read" `v := <-ch` after close
// mechanism: the lookup goroutine fails and closes the result channel without sending; the caller's plain receive gets the zero value and uses it as a real port.
// run: exit0
//
// The article's description of the three reads (zero value; v, ok with
// ok == false; range ends) is right. The bug is using the plain receive's value
// as if it were data: 0 is indistinguishable from a real result.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto port = chan::make<int>(0);
  chan::go([port] {
    // The lookup fails: the producer closes without sending a value.
    port.close();
  });
  int p = port.recv();  // expect: CH105
  std::printf("connecting to port %d\n", p);
  return 0;
}
