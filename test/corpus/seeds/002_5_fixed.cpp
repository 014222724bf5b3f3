// corpus: seeds/002_5 fixed
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 4.2, `close(ch); ch <- 42`
// mechanism: the send happens before the close; the buffered value is still received after the close.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(1);
  ch.send(42);
  std::puts("closing");
  ch.close();
  int sum = 0;
  for (int v : ch) sum += v;
  return sum == 42 ? 0 : 1;
}
