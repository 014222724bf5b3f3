#include "workers.h"

void produce(chan::Chan<int> out, chan::Chan<chan::Unit> done) {
  for (int i = 0; i < 3; ++i)
    out.send(i);
  done.close();
}

void stop(chan::Chan<int> results) { results.close(); }
