// corpus: seeds/003_1 fixed
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), chapter 1, "verifying it cannot be recovered": close, defer recover, send
// mechanism: the value is sent before the close, so no send meets a closed channel and nothing needs recovering.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(1);
  ch.send(1);
  ch.close();
  for (int v : ch) std::printf("%d\n", v);
  return 0;
}
