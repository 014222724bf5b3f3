// corpus: seeds/000_10 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 3.3, "defer close() fails under panic/recover" (flow diagram)
// mechanism: the writer goroutine closes its output channel when done; the request handler recovers from a panic and its deferred cleanup closes the same channel again: close of a closed channel.
// run: panic: close of closed channel
//
// The article's own code (`defer close(ch)` on a `<-chan int`) does not compile
// in Go; the diagram's scenario is the real bug, kept here. Its claims about
// the order are wrong: deferred calls run while the panic unwinds, and recover
// works only inside a deferred call, so there is no "defer runs after recover
// returns"; and a panic raised by a deferred close can be recovered by a
// deferred function that runs after it. C++ has no defer: the deferred close
// is the statement after the try/catch that plays recover.
#include <chan/chan.hpp>

#include <cstdio>
#include <stdexcept>

void handle_request(chan::Chan<int> out, chan::Chan<chan::Unit> writer_finished) {
  try {
    writer_finished.recv();  // forces the order: the writer has closed `out`
    throw std::runtime_error("request failed");  // Go: panic(...)
  } catch (const std::exception& e) {  // Go: recover() in a deferred function
    std::printf("recovered: %s\n", e.what());
  }
  // Go: the deferred close(out) runs on the way out.
  out.close();  // the second close (reported at the call in main)
}

int main() {
  auto out = chan::make<int>(4);
  auto writer_finished = chan::make<chan::Unit>();
  chan::go([out, writer_finished]() {
    out.send(1);
    out.send(2);
    out.close();  // the writer owns the close
    writer_finished.close();
  });
  handle_request(out, writer_finished);  // expect: CH102
  return 0;
}
