// corpus: seeds/004_6 fixed
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 3.1, "for-range + select + default non-blocking traversal" (for len(ch) > 0)
// mechanism: the consumer ranges until the producer closes the channel, so a momentarily empty buffer does not end it and every value is received.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

int main() {
  auto ch = chan::make<int>(2);
  chan::go([ch] {
    for (int i = 0; i < 5; ++i) {
      ch.send(i);
      if (i == 1) std::this_thread::sleep_for(50ms);  // a pause in production
    }
    ch.close();
  });
  int processed = 0;
  for (int msg : ch) {
    std::printf("process %d\n", msg);
    ++processed;
  }
  return processed == 5 ? 0 : 1;
}
