// corpus: seeds/003_3 fixed
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), section 2.4, chansend panic conditions: "unbuffered and no waiting receiver -> panic"
// mechanism: a receiver goroutine takes the completion signal, so the unbuffered send finds its partner.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto done = chan::make<bool>();
  auto acknowledged = chan::make<chan::Unit>();
  chan::go([done, acknowledged] {
    auto [v, ok] = done.recv_ok();
    std::printf("completion %d %d\n", v, ok);
    acknowledged.close();
  });
  std::puts("signalling completion");
  done.send(true);
  acknowledged.recv();
  return 0;
}
