#include "queue.h"

void stop_twice() {
  auto done = chan::make<int>();
  done.close();
  done.close();
}

void maybe_closed(bool failed) {
  auto ch = chan::make<int>(1);
  if (failed)
    ch.close();
  ch.send(1);
}

void nil_send() {
  chan::Chan<int> never_made;
  never_made.send(1);
}
