// Engine v2, idiom 1: a helper or a method that sends (in a loop) and then
// closes is the most common producer. Calling it on an open channel is
// correct; only an operation of the caller after the call, or a second call,
// meets the closed channel.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

void produce(chan::Chan<int> c) {
  c.send(1);
  c.close();
}

void produce_n(chan::Chan<int> out, int n) {
  for (int i = 0; i < n; ++i)
    out.send(i);
  out.close();
}

struct Producer {
  chan::Chan<int> out = chan::make<int>(8);
  void run() {
    for (int i = 0; i < 8; ++i)
      out.send(i);
    out.close();
  }
};

// ---- positive cases ----

void caller_sends_after_helper_closed() {
  auto ch = chan::make<int>(2);
  produce(ch);
  // CHECK: helper-sends-then-closes.cpp:[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path reaching it: it panics with "send on closed channel" [CH101 send-on-closed]
  ch.send(2);
}

void helper_called_twice() {
  auto ch = chan::make<int>(4);
  produce(ch);
  // The second call's send panics; its close is never reached.
  // CHECK: :[[@LINE+1]]:3: error: call to 'produce' sends on channel 'ch', which is closed on every path reaching it
  produce(ch);
}

void method_then_send() {
  Producer p;
  p.run();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'p.out' that is closed on every path reaching it
  p.out.send(9);
}

// ---- negative cases: nothing below may be reported ----

void helper_on_open_channel() {
  auto ch = chan::make<int>(1);
  produce(ch);
  for (int v : ch)
    (void)v;
}

void loop_helper_on_open_channel() {
  auto ch = chan::make<int>(4);
  produce_n(ch, 4);
  for (int v : ch)
    (void)v;
}

void loop_helper_in_goroutine() {
  auto ch = chan::make<int>();
  chan::go(produce_n, ch, 10);
  for (int v : ch)
    (void)v;
}

void method_producer() {
  Producer p;
  p.run();
  for (int v : p.out)
    (void)v;
}

void method_producer_through_pointer(Producer *p) {
  p->run();
  (void)p->out.recv_ok();
}

void helper_on_two_channels() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  produce(a);
  produce(b);
}
