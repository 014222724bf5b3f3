// Translation unit 4 of the -j determinism test.
#include <chan/chan.hpp>

void producer4(chan::Chan<int> out) {
  for (int i = 0; i < 4; ++i)
    out.send(i);
  out.close();
}

int main() {
  auto ch = chan::make<int>(4);
  ch.close();
  ch.send(4);
}
