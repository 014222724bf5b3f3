// CH101 on some path only: a warning, not an error.
#include <chan/chan.hpp>

void send_after_maybe_close(bool done) {
  auto ch = chan::make<int>(1);
  if (done)
    ch.close();
  ch.send(1);
}

int main() { send_after_maybe_close(false); }
