// Engine v2, idiom 11: a lambda stored in a std::function (a variable, a
// struct field) and called later runs its body at the call: its close is
// seen after the call, and not before it nor when it is never called.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <functional>

struct Hooks {
  std::function<void()> on_stop;
};

// ---- positive cases ----

void stored_then_called() {
  auto ch = chan::make<int>(1);
  std::function<void()> stop = [&] { ch.close(); };
  stop();
  // CHECK: stored-std-function.cpp:[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path reaching it: it panics with "send on closed channel" [CH101 send-on-closed]
  ch.send(1);
}

void stored_in_a_field_then_called() {
  auto ch = chan::make<int>(1);
  Hooks hooks;
  hooks.on_stop = [&] { ch.close(); };
  hooks.on_stop();
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'ch', which is already closed on every path
  ch.close();
}

void captured_by_value_still_aliases() {
  auto ch = chan::make<int>(1);
  std::function<void()> stop = [ch] { ch.close(); };
  stop();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path reaching it
  ch.send(1);
}

// ---- negative cases: nothing below may be reported ----

void stored_never_called() {
  auto ch = chan::make<int>(1);
  std::function<void()> stop = [&] { ch.close(); };
  ch.send(1);
}

void send_before_the_call() {
  auto ch = chan::make<int>(1);
  std::function<void()> stop = [&] { ch.close(); };
  ch.send(1);
  stop();
}

void replaced_before_the_call() {
  auto ch = chan::make<int>(1);
  std::function<void()> stop = [&] { ch.close(); };
  stop = [] {};
  stop();
  ch.send(1);
}
