// corpus: seeds/001_3 fixed
// origin: seed article 001 (shared/seeds/001_4fd10d7a3e6dea50.txt), section 3.2, `close(ch); ch <- 42`
// mechanism: the value is sent before the channel is closed; the receiver still gets it from the buffer after the close.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(1);
  ch.send(42);
  ch.close();
  auto [v, ok] = ch.recv_ok();
  std::printf("%d %d\n", v, ok);
  return (ok && v == 42) ? 0 : 1;
}
