// Engine v2, idiom 7: a pointer to a channel handle stored in a struct field
// (`struct Conn { chan::Chan<int> *out; }`) designates that handle: a close
// through the field is a close of the handle, and the reverse.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

struct Conn {
  chan::Chan<int> *out;
  int id = 0;
};

void hang_up(Conn &c) { c.out->close(); }

// ---- positive cases ----

void closed_through_field() {
  auto ch = chan::make<int>(2);
  Conn c{&ch};
  c.out->close();
  // CHECK: pointer-in-struct-field.cpp:[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path reaching it: it panics with "send on closed channel" [CH101 send-on-closed]
  ch.send(1);
}

void sent_through_field_after_close() {
  auto ch = chan::make<int>(2);
  Conn c{&ch};
  ch.close();
  // CHECK: :[[@LINE+1]]:3: error: send on channel '{{.*}}' that is closed on every path reaching it
  c.out->send(1);
}

void closed_by_helper_through_field() {
  auto ch = chan::make<int>(2);
  Conn c{&ch, 7};
  hang_up(c);
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'ch', which is already closed on every path
  ch.close();
}

// ---- negative cases: nothing below may be reported ----

void two_connections() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  Conn ca{&a}, cb{&b};
  ca.out->close();
  cb.out->send(1);
  b.close();
}

void field_retargeted() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  Conn c{&a};
  c.out = &b;
  c.out->close();
  a.send(1);
}
