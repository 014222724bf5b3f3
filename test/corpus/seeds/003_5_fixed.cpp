// corpus: seeds/003_5 fixed
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), section 2.5, brokenRecover
// mechanism: the function sends before it closes, so the send cannot panic; the receive afterwards still gets the buffered value.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

bool send_then_close() {
  auto ch = chan::make<int>(1);
  ch.send(42);
  ch.close();
  auto [v, ok] = ch.recv_ok();
  std::printf("%d %d\n", v, ok);
  return ok && v == 42;
}

int main() { return send_then_close() ? 0 : 1; }
