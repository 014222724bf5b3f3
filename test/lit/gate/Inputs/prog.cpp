#include <chan/chan.hpp>

void shutdown_twice() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.close();
}

void send_after_close() {
  auto done = chan::make<int>(1);
  done.close();
  done.send(1);
}

int main() {}
