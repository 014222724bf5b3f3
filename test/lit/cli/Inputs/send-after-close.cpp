// CH101: a send on a channel closed on every path.
#include <chan/chan.hpp>

int main() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
}
