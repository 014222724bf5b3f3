// corpus: seeds/000_10 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 3.3, "defer close() fails under panic/recover" (flow diagram)
// mechanism: only the writer closes the output channel; the handler recovers from its panic and drains the output instead of closing it.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>
#include <stdexcept>

int handle_request(chan::RecvChan<int> out) {
  try {
    throw std::runtime_error("request failed");  // Go: panic(...)
  } catch (const std::exception& e) {  // Go: recover() in a deferred function
    std::printf("recovered: %s\n", e.what());
  }
  int drained = 0;
  for (int v : out) drained += v;  // ends when the writer closes
  return drained;
}

int main() {
  auto out = chan::make<int>(4);
  chan::go([out]() {
    out.send(1);
    out.send(2);
    out.close();  // the writer owns the close
  });
  return handle_request(out) == 3 ? 0 : 1;
}
