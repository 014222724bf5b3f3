// corpus: seeds/003_5 buggy
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), section 2.5, brokenRecover
// mechanism: a function closes its buffered channel and then sends on it; the send panics and the function's deferred recover (here: a catch) recovers it.
// run: exit0
//
// The article claims "the defer function will never be executed" because the
// panic "terminates the goroutine before its defers run". In Go, defers run
// while a panic unwinds; recover() in one of them stops the panic, and
// brokenRecover returns normally after logging "caught: send on closed
// channel". The program returns 1 if nothing was caught. The send on a closed
// channel remains a bug.
#include <chan/chan.hpp>

#include <cstdio>

bool broken_recover() {
  auto ch = chan::make<int>(1);
  ch.close();
  try {
    ch.send(42);  // expect: CH101
  } catch (const chan::panic_error& e) {  // Go: the deferred recover()
    std::printf("caught: %s\n", e.what());
    return true;
  }
  return false;
}

int main() { return broken_recover() ? 0 : 1; }
