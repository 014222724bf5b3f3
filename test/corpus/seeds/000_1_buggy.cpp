// corpus: seeds/000_1 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), chapter 1 "reproduction code", riskyProducerConsumer
// mechanism: not a bug: the producer sends into a one-slot buffer and then closes; a consumer that starts late still receives the buffered value through range, then range ends.
// run: exit0
//
// The article claims the close is "too early, the consumer may not have started
// yet", that "range exits immediately once the channel is closed ... if the
// send comes after close -> panic!", and lists "range started after close exits
// at once and misses later sends". None of that is Go: close only marks the
// channel; values already buffered are still delivered, and range ends only
// once the channel is closed AND drained (Go spec, "For statements with range
// clause"; runtime/chan.go chanrecv takes from the buffer before looking at
// `closed`). The only send precedes the close in the same goroutine, so it
// cannot panic. A negative case: nothing to report. The program checks that
// the value arrives.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

int main() {
  auto ch = chan::make<int>(1);
  chan::go([ch]() {
    ch.send(42);
    ch.close();  // the article's "premature" close: harmless
  });
  // The consumer starts late (the article's "waiting for a DB connection").
  std::this_thread::sleep_for(10ms);
  int count = 0;
  int last = 0;
  for (int v : ch) {
    std::printf("%d\n", v);
    last = v;
    ++count;
  }
  return (count == 1 && last == 42) ? 0 : 1;
}
