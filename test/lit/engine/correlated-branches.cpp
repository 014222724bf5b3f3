// Engine v2, idiom 3: two branches on the same condition, a bool that is not
// reassigned in between, are exclusive: `if (drain) close; if (!drain) send;`
// never sends after the close.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

// ---- positive cases ----

void unrelated_second_condition(chan::Chan<int> ch, bool drain, bool more) {
  if (drain)
    ch.close();
  // CHECK: correlated-branches.cpp:[[@LINE+2]]:5: warning: send on channel 'ch' that is closed on some paths reaching it: it panics with "send on closed channel" [CH101 send-on-closed]
  if (more)
    ch.send(1);
}

void flag_reassigned_in_between(chan::Chan<int> ch, bool drain, bool retry) {
  if (drain)
    ch.close();
  drain = retry;
  // CHECK: :[[@LINE+2]]:5: warning: send on channel 'ch' that is closed on some paths reaching it
  if (!drain)
    ch.send(1);
}

void same_flag_same_polarity(chan::Chan<int> ch, bool stop) {
  if (stop)
    ch.close();
  // CHECK: :[[@LINE+2]]:5: error: send on channel 'ch' that is closed on every path reaching it
  if (stop)
    ch.send(1);
}

// ---- negative cases: nothing below may be reported ----

void parameter_flag(chan::Chan<int> ch, bool drain) {
  if (drain)
    ch.close();
  if (!drain)
    ch.send(1);
}

void local_flag(int pending) {
  auto ch = chan::make<int>(1);
  const bool drain = pending == 0;
  if (drain)
    ch.close();
  if (!drain)
    ch.send(pending);
}

void flag_with_work_in_between(chan::Chan<int> ch, bool drain, int n) {
  if (drain)
    ch.close();
  int total = 0;
  for (int i = 0; i < n; ++i)
    total += i;
  if (!drain)
    ch.send(total);
}

void early_return_on_the_same_flag(chan::Chan<int> ch, bool done) {
  if (done)
    ch.close();
  if (done)
    return;
  ch.send(1);
}
