// corpus: seeds/003_3 buggy
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), section 2.4, chansend panic conditions: "unbuffered and no waiting receiver -> panic"
// mechanism: a send on an unbuffered channel that no goroutine will ever receive from blocks forever.
// run: deadlock
//
// The article lists "c.dataqsiz == 0 && c.recvq.first == nil" as a condition
// for throw("send on closed channel"). Go's chansend never panics for it: with
// no waiting receiver the sender parks until one arrives. Here none will, and
// main is the only goroutine: "fatal error: all goroutines are asleep -
// deadlock!".
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto done = chan::make<bool>();
  std::puts("signalling completion");
  done.send(true);  // expect: CH201
  return 0;
}
