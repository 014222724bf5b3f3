// Where a wait cycle is reported when its waits are of one kind: at the wait
// whose partners were all waiting already when it came to it (the one that
// closed the cycle), else at the first in the source.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <chrono>
#include <thread>

// Copies one value from `in` to `out`.
void forward(chan::Chan<int> in, chan::Chan<int> out) { out.send(in.recv()); }

// Each forwarder waits for the other: the second one started closes the cycle.
void forward_in_a_ring() {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  chan::go([a, b] { a.send(b.recv()); });
  chan::go([a, b] { b.send(a.recv()); });
  // CHECK: :[[@LINE-1]]:28: error: wait cycle: the goroutine started at line [[@LINE-2]] receives from 'b' and waits for the goroutine started at line [[@LINE-1]]; the goroutine started at line [[@LINE-1]] receives from 'a' and waits for the goroutine started at line [[@LINE-2]]: each waits for another, forever [CH203 wait-cycle]
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

// ---- nothing below may be reported ----

// A chain fed by its caller: every forwarder gets its value.
int forward_in_a_chain() {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  auto c = chan::make<int>();
  chan::go([a, b] { forward(a, b); });
  chan::go([b, c] { forward(b, c); });
  a.send(1);
  return c.recv();
}
