#include <chan/chan.hpp>

int first_result() {
  chan::Chan<int> results; // never made: receiving blocks forever
  return results.recv();
}
