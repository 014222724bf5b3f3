// corpus: seeds/001_2 fixed
// origin: seed article 001 (shared/seeds/001_4fd10d7a3e6dea50.txt), section 2.3, "zero-value read" `v := <-ch` after close
// mechanism: the caller receives with recv_ok() and treats a closed channel as "no result" instead of using the zero value.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto port = chan::make<int>(0);
  chan::go([port] {
    // The lookup fails: the producer closes without sending a value.
    port.close();
  });
  auto [p, ok] = port.recv_ok();
  if (!ok) {
    std::puts("lookup failed: not connecting");
    return 0;
  }
  std::printf("connecting to port %d\n", p);
  return 0;
}
