// corpus: seeds/004_1 fixed
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), chapter 1, riskyTraversal (fixed as the article's safeTraversal)
// mechanism: a producer goroutine, the only sender, closes the channel after its last send, so range ends after the last value.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(3);
  chan::go([ch] {
    ch.send(10);
    ch.send(20);
    ch.send(30);
    ch.close();  // Go: defer close(ch)
  });
  int count = 0;
  for (int v : ch) {
    std::printf("received: %d\n", v);
    ++count;
  }
  return count == 3 ? 0 : 1;
}
