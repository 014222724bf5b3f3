// corpus: seeds/001_4 buggy
// origin: seed article 001 (shared/seeds/001_4fd10d7a3e6dea50.txt), section 3.3, "closed-channel read hangs forever" `close(ch); <-ch`
// mechanism: not a bug: a receive on a closed, empty channel returns the zero value at once; nothing blocks.
// run: exit0
//
// The article claims the receive "is parked forever: the channel is closed and
// has no data, so the runtime never wakes it (a 'ghost' goroutine leak)". Go:
// chanrecv on a closed, empty channel returns immediately with the zero value
// and ok == false (Go spec, "Receive operator"). Here the value is discarded,
// so nothing is misused either. A negative case: if the receive blocked, main
// would be the only goroutine and the runtime would report a deadlock.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(0);
  ch.close();
  ch.recv();  // returns at once; the value is discarded
  std::puts("receive on the closed channel returned");
  return 0;
}
