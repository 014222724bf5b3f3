// CH102 close-of-closed.
// RUN: %expect_exit 1 %chcheck --enable CH102 %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <atomic>
#include <mutex>

struct Server {
  chan::Chan<chan::Unit> done = chan::make<chan::Unit>();
  std::once_flag once;
  bool stopped = false;
  std::atomic<bool> closing{false};

  void close_done() { done.close(); }
  void stop_once() {
    std::call_once(once, [this] { done.close(); });
  }
  void stop_flagged() {
    if (!stopped) {
      stopped = true;
      done.close();
    }
  }
  void stop_atomic() {
    if (!closing.exchange(true))
      done.close();
  }
};

void double_close() {
  auto ch = chan::make<int>();
  ch.close();
  // CHECK: CH102-close-of-closed.cpp:[[@LINE+1]]:3: error: close of channel 'ch', which is already closed on every path: it panics with "close of closed channel" [CH102 close-of-closed]
  ch.close();
  // CHECK: note: channel 'ch' is made here
  // CHECK: note: channel 'ch' is closed here
}

void close_through_copy() {
  auto ch = chan::make<int>();
  auto copy = ch;
  copy.close();
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'ch', which is already closed on every path
  ch.close();
}

void close_on_one_branch(bool early) {
  auto ch = chan::make<int>();
  if (early)
    ch.close();
  // CHECK: :[[@LINE+1]]:3: warning: close of channel 'ch', which is already closed on some paths
  ch.close();
}

void method_closes_twice(Server &s) {
  s.close_done();
  // CHECK: :[[@LINE+1]]:3: error: call to 'close_done' closes channel 's.done', which is already closed on every path
  s.close_done();
}

void close_field_twice(Server &s) {
  s.done.close();
  // CHECK: :[[@LINE+1]]:3: error: close of channel 's.done', which is already closed on every path
  s.done.close();
}

void closer(chan::Chan<int> out) { out.close(); }
void two_goroutines_close() {
  auto out = chan::make<int>(4);
  chan::go([out] { out.close(); });
  // CHECK: :[[@LINE+1]]:3: error: call to 'closer' closes channel 'out', which a goroutine started earlier also closes: whichever close runs second panics
  closer(out);
  // CHECK: note: a goroutine is started here
  // CHECK: note: channel 'out' is closed here, by another goroutine
}

// CHECK-NOT: {{^/.*}}[CH102
// ---- negative cases ----

void once_flag_guarded(Server &s) {
  s.stop_once();
  s.stop_once();
}

void bool_flag_guarded(Server &s) {
  s.stop_flagged();
  s.stop_flagged();
}

void atomic_flag_guarded(Server &s) {
  s.stop_atomic();
  s.stop_atomic();
}

void close_once_per_iteration() {
  for (int i = 0; i < 3; ++i) {
    auto ch = chan::make<int>();
    ch.close();
  }
}

void two_channels() {
  auto a = chan::make<int>(), b = chan::make<int>();
  a.close();
  b.close();
}

void closed_by_goroutine_and_not_here() {
  auto ch = chan::make<int>();
  chan::go([ch]() mutable { ch.close(); });
  (void)ch.recv();
}

void goroutine_closes_only_on_one_branch(bool mine) {
  auto out = chan::make<int>(4);
  if (mine)
    chan::go([out] { out.close(); });
  else
    out.close();
}

void goroutine_may_close(bool stop) {
  auto out = chan::make<int>(4);
  chan::go([out, stop] {
    if (stop)
      out.close();
  });
  (void)out.recv();
}
