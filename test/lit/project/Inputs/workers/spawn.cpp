#include "workers.h"

void closesTooEarly() {
  auto results = chan::make<int>(4);
  auto done = chan::make<chan::Unit>();
  chan::go(produce, results, done);
  results.close();
  done.recv();
}

void stopsTooEarly() {
  auto results = chan::make<int>(4);
  auto done = chan::make<chan::Unit>();
  chan::go(produce, results, done);
  stop(results);
  done.recv();
}

void waitsFirst() {
  auto results = chan::make<int>(4);
  auto done = chan::make<chan::Unit>();
  chan::go(produce, results, done);
  done.recv();
  stop(results);
}

int main() {
  closesTooEarly();
  stopsTooEarly();
  waitsFirst();
}
