// corpus: seeds/002_6 fixed
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 4.2, `close(ch); close(ch)`
// mechanism: the channel is closed once; a second shutdown request is recognised by a flag owned by the closer.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>();
  bool closed = false;
  for (int request = 0; request < 2; ++request) {
    if (!closed) {
      ch.close();
      closed = true;
    }
  }
  auto [v, ok] = ch.recv_ok();
  std::printf("%d %d\n", v, ok);
  return ok ? 1 : 0;
}
