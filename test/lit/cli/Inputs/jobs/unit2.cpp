// Translation unit 2 of the -j determinism test.
#include <chan/chan.hpp>

void producer2(chan::Chan<int> out) {
  for (int i = 0; i < 2; ++i)
    out.send(i);
  out.close();
}

int main() {
  auto ch = chan::make<int>(2);
  ch.close();
  ch.send(2);
}
