// Translation unit 3 of the -j determinism test.
#include <chan/chan.hpp>

void producer3(chan::Chan<int> out) {
  for (int i = 0; i < 3; ++i)
    out.send(i);
  out.close();
}

int main() {
  auto ch = chan::make<int>(3);
  ch.close();
  ch.send(3);
}
