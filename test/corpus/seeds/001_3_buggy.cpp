// corpus: seeds/001_3 buggy
// origin: seed article 001 (shared/seeds/001_4fd10d7a3e6dea50.txt), section 3.2, `close(ch); ch <- 42`
// mechanism: a value is sent on a buffered channel after it was closed: the send panics even though the buffer has room.
// run: panic: send on closed channel
//
// The article is right that this panics and that a receive on a closed channel
// never does. Its section title also suggests a "panic: receive on closed
// channel" exists; Go has no such panic.
#include <chan/chan.hpp>

int main() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(42);  // expect: CH101
  return 0;
}
