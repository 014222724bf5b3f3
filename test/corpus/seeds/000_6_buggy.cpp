// corpus: seeds/000_6 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.4, demoUnclosedEmptyRead
// mechanism: main receives from a made, unbuffered channel that no goroutine ever sends on or closes: it blocks forever.
// run: deadlock
//
// The article says this "blocks forever, a goroutine leak". In main with no
// other goroutine, Go does better: checkdead sees every goroutine asleep and
// aborts with "fatal error: all goroutines are asleep - deadlock!". In another
// goroutine it would be a silent leak, as the article says.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(0);
  int v = ch.recv();  // expect: CH202
  std::printf("%d\n", v);
  return 0;
}
