// corpus: seeds/002_4 fixed
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 3.2, "typical misuse of sync.WaitGroup with channels" (wg.Add inside the goroutine)
// mechanism: main calls wg.add(1) before starting each goroutine, so wait() returns only after every send, and the close comes after the last send.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(3);
  chan::WaitGroup wg;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    chan::go([&wg, ch, i] {
      ch.send(i);
      wg.done();
    });
  }
  wg.wait();
  ch.close();
  int received = 0;
  for (int v : ch) received += v;
  std::printf("received %d\n", received);
  return received == 3 ? 0 : 1;
}
