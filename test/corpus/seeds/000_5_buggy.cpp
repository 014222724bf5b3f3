// corpus: seeds/000_5 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.4, demoNilRead
// mechanism: a receive from a channel variable that was declared but never made (nil) blocks forever; with no other goroutine the runtime reports a deadlock.
// run: deadlock
//
// The article claims this receive "immediately panics: receive from nil
// channel", that a send on a nil channel panics too, and its table says a nil
// receive "panics, does not block". Go has no such panic: send and receive on a
// nil channel block forever (Go spec, "Receive operator": "Receiving from a nil
// channel blocks forever"; runtime/chan.go chanrecv gopark()s with
// waitReasonChanReceiveNilChan). Here main is the only goroutine, so Go's
// checkdead prints "fatal error: all goroutines are asleep - deadlock!". The
// bug is real; the claimed symptom is wrong.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  chan::Chan<int> ch;  // declared, never made: nil
  int v = ch.recv();  // expect: CH104
  std::printf("%d\n", v);
  return 0;
}
