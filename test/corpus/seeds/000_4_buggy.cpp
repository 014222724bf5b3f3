// corpus: seeds/000_4 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.2, closechan state table: nil -> close() -> "static check (panic)"
// mechanism: a channel member that was never made (nil) is closed on shutdown: close of a nil channel panics.
// run: panic: close of nil channel
//
// The article's table says closing a nil channel is caught by a "static check".
// It is not: `close(ch)` on a nil `chan T` compiles; the panic "close of nil
// channel" comes from closechan at run time.
#include <chan/chan.hpp>

#include <cstdio>

struct Server {
  chan::Chan<int> events;  // never made: nil
  void shutdown() {
    events.close();  // the close of the nil channel (reported at the call below)
  }
};

int main() {
  Server server;
  std::puts("shutting down");
  server.shutdown();  // expect: CH103
  return 0;
}
