// Regression: a call through a pointer to member function used as a branch
// condition (zeromq3's zmtp_engine.cpp) crashed the nil-check refinement.
// RUN: %expect_exit 0 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --allow-empty --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

struct Engine {
  bool ready() { return true; }
  chan::Chan<int> out = chan::make<int>(1);
};

bool step(Engine &e, bool (Engine::*probe)()) {
  if ((e.*probe)())
    return false;
  if (!(e.*probe)())
    e.out.send(1);
  return true;
}
