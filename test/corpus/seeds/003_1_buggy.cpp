// corpus: seeds/003_1 buggy
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), chapter 1, "verifying it cannot be recovered": close, defer recover, send
// mechanism: main sends on a channel it has just closed; the send panics, and the deferred recover (here: a catch) recovers it, so the program goes on.
// run: exit0
//
// The article claims the panic "cannot be captured by defer/recover ... a
// hard runtime constraint" and that "Recovered:" is never printed. Wrong:
// "send on closed channel" is an ordinary run-time panic (a runtime.Error);
// recover() in a deferred function stops it, prints "Recovered: send on closed
// channel", and main returns normally (exit 0). The program returns 1 if the
// send did not panic. The send on a closed channel is still a bug, whether
// recovered or not.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(1);
  ch.close();
  try {
    ch.send(1);  // expect: CH101
  } catch (const chan::panic_error& e) {  // Go: defer func() { recover() }()
    std::printf("Recovered: %s\n", e.what());
    return 0;
  }
  return 1;
}
