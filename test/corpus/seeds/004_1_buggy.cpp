// corpus: seeds/004_1 buggy
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), chapter 1, riskyTraversal
// mechanism: two values are buffered but the channel is never closed, so range receives them and then blocks forever waiting for a close.
// run: deadlock
//
// The article's claim that `range` is only legal on a receive-only channel
// (`<-chan T`) and that ranging over a bidirectional channel is a compile
// error is wrong: range works on any channel that can receive; only a
// send-only `chan<- T` is rejected. The deadlock itself is real.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(2);
  ch.send(1);
  ch.send(2);
  // forgot ch.close()
  for (int v : ch) {  // expect: CH202
    std::printf("%d\n", v);
  }
  return 0;
}
