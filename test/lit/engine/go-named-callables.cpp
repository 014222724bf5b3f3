// Engine v2, idiom 12: a goroutine started from a named function, a functor
// or a member function (directly or through a lambda) gets the same
// goroutine context as a lambda: when it always closes a channel the spawner
// also always closes, one of the two closes panics (CH102).
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

void closer(chan::Chan<int> c) { c.close(); }
void consumer(chan::Chan<int> c) {
  for (int v : c)
    (void)v;
}

struct CloseTask {
  chan::Chan<int> c;
  void operator()() const { c.close(); }
};

struct Owner {
  chan::Chan<int> out = chan::make<int>(4);
  void finish() { out.close(); }
};

// ---- positive cases ----

void named_function_goroutine() {
  auto out = chan::make<int>(4);
  chan::go(closer, out);
  // CHECK: go-named-callables.cpp:[[@LINE+1]]:3: error: close of channel 'out', which a goroutine started earlier also closes: whichever close runs second panics with "close of closed channel" [CH102 close-of-closed]
  out.close();
}

void functor_goroutine() {
  auto out = chan::make<int>(4);
  chan::go(CloseTask{out});
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'out', which a goroutine started earlier also closes
  out.close();
}

void member_function_through_lambda() {
  Owner o;
  chan::go([&o] { o.finish(); });
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'o.out', which a goroutine started earlier also closes
  o.out.close();
}

void member_function_pointer() {
  Owner o;
  chan::go(&Owner::finish, &o);
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'o.out', which a goroutine started earlier also closes
  o.out.close();
}

// ---- negative cases: nothing below may be reported ----

void named_function_only_receives() {
  auto out = chan::make<int>(4);
  chan::go(consumer, out);
  out.send(1);
  out.close();
}

void functor_closes_another_channel() {
  auto out = chan::make<int>(4), other = chan::make<int>(1);
  chan::go(CloseTask{other});
  out.close();
}

void member_function_of_another_object() {
  Owner a, b;
  chan::go(&Owner::finish, &a);
  b.out.close();
  a.out.recv(); // returns at the goroutine's close: `a` outlives it
}
