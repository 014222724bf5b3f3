// CH103 close-of-nil.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <utility>

void default_constructed() {
  chan::Chan<int> ch;
  // CHECK: CH103-close-of-nil.cpp:[[@LINE+1]]:3: error: close of channel 'ch', which is nil on every path: it panics with "close of nil channel" [CH103 close-of-nil]
  ch.close();
  // CHECK: note: channel 'ch' is nil from here
}

void moved_from() {
  auto ch = chan::make<int>();
  auto owner = std::move(ch);
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'ch', which is nil on every path
  ch.close();
  owner.close();
}

void move_assigned_away() {
  auto ch = chan::make<int>();
  chan::Chan<int> other;
  other = std::move(ch);
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'ch', which is nil on every path
  ch.close();
}

void made_on_one_branch(bool ready) {
  chan::Chan<int> ch;
  if (ready)
    ch = chan::make<int>();
  // CHECK: :[[@LINE+1]]:3: warning: close of channel 'ch', which is nil on some paths
  ch.close();
}

// CHECK-NOT: {{^/.*}}[CH103
// ---- negative cases ----

void made_before_close() {
  chan::Chan<int> ch;
  ch = chan::make<int>();
  ch.close();
}

void guarded_by_nil_check(bool ready) {
  chan::Chan<int> ch;
  if (ready)
    ch = chan::make<int>();
  if (ch)
    ch.close();
}

void parameter_of_unknown_state(chan::Chan<int> ch) { ch.close(); }

void copy_not_move() {
  auto ch = chan::make<int>();
  auto copy = ch;
  copy.close();
}
