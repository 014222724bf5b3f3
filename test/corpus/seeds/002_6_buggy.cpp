// corpus: seeds/002_6 buggy
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 4.2, `close(ch); close(ch)`
// mechanism: the same channel is closed twice: the second close panics.
// run: panic: close of closed channel
#include <chan/chan.hpp>

int main() {
  auto ch = chan::make<int>();
  ch.close();
  ch.close();  // expect: CH102
  return 0;
}
