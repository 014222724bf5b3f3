// corpus: seeds/003_2 buggy
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), section 2.2, chansend state machine: "ch == nil && block == true -> panic"
// mechanism: a send on a channel variable that was never made (nil) blocks forever; main is the only goroutine, so the runtime reports a deadlock.
// run: deadlock
//
// The article's pseudo-source says a blocking send on a nil channel calls
// throw("send on nil channel"), and its table lists a panic. Go's chansend
// parks forever instead (gopark with waitReasonChanSendNilChan); only a
// non-blocking send (select with default) on nil returns false. With no other
// goroutine, checkdead reports "all goroutines are asleep - deadlock!".
#include <chan/chan.hpp>

#include <cstdio>

struct Reporter {
  chan::Chan<int> out;  // never made: nil
};

int main() {
  Reporter reporter;
  std::puts("reporting");
  reporter.out.send(1);  // expect: CH104
  return 0;
}
