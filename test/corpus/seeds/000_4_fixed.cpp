// corpus: seeds/000_4 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.2, closechan state table: nil -> close() -> "static check (panic)"
// mechanism: the channel member is made when the server is constructed, so shutdown closes a real channel.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

struct Server {
  chan::Chan<int> events = chan::make<int>(1);
  void shutdown() { events.close(); }
};

int main() {
  Server server;
  std::puts("shutting down");
  server.shutdown();
  return 0;
}
