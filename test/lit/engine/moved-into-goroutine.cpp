// Engine v2, idiom 9: a handle moved into `chan::go(f, std::move(ch))` (or
// into a lambda's init-capture) is nil afterwards: a send on it blocks
// forever (CH104) and a close panics (CH103). A copy leaves it intact.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <utility>

// Sends one value into a buffered channel and ends: no goroutine leaks here.
void send_one(chan::Chan<int> out) { out.send(1); }

// ---- positive cases ----

void send_after_moving_into_go() {
  auto ch = chan::make<int>(1);
  chan::go(send_one, std::move(ch));
  // CHECK: moved-into-goroutine.cpp:[[@LINE+1]]:3: error: send on channel 'ch', which is nil on every path: it blocks forever [CH104 nil-channel-op]
  ch.send(2);
}

void close_after_moving_into_go() {
  auto ch = chan::make<int>(1);
  chan::go([](chan::Chan<int> c) { c.send(1); }, std::move(ch));
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'ch', which is nil on every path: it panics with "close of nil channel" [CH103 close-of-nil]
  ch.close();
}

void send_after_moving_into_capture() {
  auto ch = chan::make<int>(1);
  chan::go([c = std::move(ch)] { c.send(1); });
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'ch', which is nil on every path
  ch.send(2);
}

// ---- negative cases: nothing below may be reported ----

void copied_into_go() {
  auto ch = chan::make<int>(2); // room for both sends
  chan::go(send_one, ch);
  ch.send(2);
  (void)ch.recv_ok();
  (void)ch.recv_ok();
}

void moved_then_made_again() {
  auto ch = chan::make<int>(1);
  chan::go(send_one, std::move(ch));
  ch = chan::make<int>(1);
  ch.send(1);
  ch.close();
}

void moved_then_checked() {
  auto ch = chan::make<int>(1);
  chan::go(send_one, std::move(ch));
  if (ch)
    ch.close();
}
