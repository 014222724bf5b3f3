// A lambda that captures a struct or a container by copy gets its own copy
// of every part of it (channel fields, elements, the size), not only of the
// value at the top: the goroutine below sends on the channel its copy of `p`
// holds, and nobody receives.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <vector>

struct Pipe {
  chan::Chan<int> out;
};

// ---- positive cases ----

void struct_captured_by_copy() {
  Pipe p{chan::make<int>()};
  // CHECK: :[[@LINE+1]]:18: error: {{.*}}blocks forever sending on channel 'p.out'{{.*}}[CH201 blocked-send-leak]
  chan::go([p] { p.out.send(1); });
}

void vector_captured_by_copy() {
  std::vector<chan::Chan<int>> outs = {chan::make<int>()};
  chan::go([outs] {
    // CHECK: :[[@LINE+1]]:32: error: {{.*}}blocks forever sending on channel 'c'{{.*}}[CH201 blocked-send-leak]
    for (const auto &c : outs) c.send(1);
  });
}

// ---- negative cases: nothing below may be reported ----

void struct_captured_by_copy_received() {
  Pipe p{chan::make<int>()};
  chan::go([p] { p.out.send(1); });
  p.out.recv();
}

// The copy is taken when the closure is made: a later change to the
// original does not reach it.
void copy_taken_before_the_change() {
  Pipe p{chan::make<int>(1)};
  chan::go([p] { p.out.send(1); });
  p.out = chan::make<int>();
}
