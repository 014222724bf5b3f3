// corpus: seeds/004_6 buggy
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 3.1, "for-range + select + default non-blocking traversal" (for len(ch) > 0)
// mechanism: the consumer loops only while len(ch) > 0, so it quits as soon as the buffer is momentarily empty; the producer's later sends fill the buffer and the next one blocks forever.
// run: leak
//
// The article presents this loop as the safe form. Besides quitting early, its
// `break` on !ok only leaves the select, not the for loop (a Go pitfall; the
// C++ handler simply returns). Forced interleaving: the producer pauses after
// two values, so the consumer always sees an empty buffer and quits.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

int main() {
  auto ch = chan::make<int>(2);
  chan::go([ch] {
    for (int i = 0; i < 5; ++i) {
      ch.send(i);  // expect: CH201
      if (i == 1) std::this_thread::sleep_for(50ms);  // a pause in production
    }
    ch.close();
  });
  std::this_thread::sleep_for(10ms);  // two values are buffered
  while (ch.len() > 0) {
    chan::select(chan::on_recv(ch,
                               [](int msg, bool ok) {
                                 if (ok) std::printf("process %d\n", msg);
                               }),
                 chan::on_default([] { std::this_thread::sleep_for(10ms); }));
  }
  std::puts("consumer finished early");
  std::this_thread::sleep_for(150ms);  // the producer blocks on its fifth value meanwhile
  return 0;
}
