// Engine v2, idiom 2: a pointer to a channel handle designates the handle it
// points to now, not the first one it pointed to.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

void retargeted_before_close() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  chan::Chan<int> *p = &a;
  p = &b;
  p->close();
  a.send(1); // a is open
  // CHECK: pointer-reassigned.cpp:[[@LINE+1]]:3: error: send on channel 'b' that is closed on every path reaching it: it panics with "send on closed channel" [CH101 send-on-closed]
  b.send(1);
}

void retargeted_after_close() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  chan::Chan<int> *p = &a;
  p->close();
  p = &b;
  p->send(1); // goes to b, which is open
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'a' that is closed on every path reaching it
  a.send(1);
}

void send_through_pointer(chan::Chan<int> *out) { out->send(1); }

void helper_gets_the_current_target() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  chan::Chan<int> *p = &a;
  a.close();
  p = &b;
  send_through_pointer(p); // b: open
  p = &a;
  // CHECK: :[[@LINE+1]]:3: error: call to 'send_through_pointer' sends on channel {{.*}}, which is closed on every path reaching it
  send_through_pointer(p);
}

// ---- negative cases: nothing below may be reported ----

void reference_rebinding_is_assignment(chan::Chan<int> &slot) {
  auto fresh = chan::make<int>(1);
  slot.close();
  chan::Chan<int> *p = &slot;
  *p = fresh; // assigns through the pointer: slot now holds the open channel
  slot.send(1);
}

void pointer_to_each_in_turn() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  chan::Chan<int> *p = &a;
  p->send(1);
  p->close();
  p = &b;
  p->send(2);
  p->close();
}
