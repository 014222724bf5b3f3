// Translation unit 1 of the -j determinism test.
#include <chan/chan.hpp>

void producer1(chan::Chan<int> out) {
  for (int i = 0; i < 1; ++i)
    out.send(i);
  out.close();
}

int main() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
}
