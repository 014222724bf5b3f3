// corpus: seeds/002_4 buggy
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 3.2, "typical misuse of sync.WaitGroup with channels" (wg.Add inside the goroutine)
// mechanism: each goroutine calls wg.add(1) itself, so main's wg.wait() can run while the counter is still 0, return at once and close the channel; the late goroutines then send on a closed channel.
// run: panic: send on closed channel
//
// The article is right about Add inside the goroutine. Its second point, the
// loop variable captured by the closure, no longer applies since Go 1.22 (each
// iteration has its own variable) and never does in C++ (captured by value).
// Forced interleaving: each goroutine sleeps before its add(1), so wait()
// always runs first.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

int main() {
  auto ch = chan::make<int>(3);
  chan::WaitGroup wg;
  for (int i = 0; i < 3; ++i) {
    chan::go([&wg, ch, i] {
      std::this_thread::sleep_for(50ms);
      wg.add(1);  // expect: CH205
      ch.send(i);
      wg.done();
    });
  }
  wg.wait();  // the counter is still 0: returns at once
  ch.close();
  int received = 0;
  for (int v : ch) received += v;
  std::this_thread::sleep_for(500ms);  // the goroutines' sends panic meanwhile
  std::printf("received %d\n", received);
  return 0;
}
