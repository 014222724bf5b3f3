// CH104 nil-channel-op.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <functional>
#include <utility>

void run(const std::function<void()> &f) { f(); }

void send_on_nil() {
  chan::Chan<int> ch;
  // CHECK: CH104-nil-channel-op.cpp:[[@LINE+1]]:3: error: send on channel 'ch', which is nil on every path: it blocks forever [CH104 nil-channel-op]
  ch.send(1);
}

void recv_on_moved_from() {
  auto ch = chan::make<int>(1);
  auto taken = std::move(ch);
  // CHECK: :[[@LINE+1]]:11: error: recv() on channel 'ch', which is nil on every path
  int v = ch.recv();
  (void)v;
  taken.close();
}

void recv_ok_on_nil() {
  chan::Chan<int> ch;
  // CHECK: :[[@LINE+1]]:18: error: recv_ok() on channel 'ch', which is nil on every path
  auto [v, ok] = ch.recv_ok();
  (void)v;
  (void)ok;
}

void range_over_nil() {
  chan::RecvChan<int> in;
  // CHECK: :[[@LINE+1]]:16: error: range over channel 'in', which is nil on every path
  for (int v : in)
    (void)v;
}

void maybe_nil(bool ready) {
  chan::Chan<int> ch;
  if (ready)
    ch = chan::make<int>(1);
  // CHECK: :[[@LINE+1]]:3: warning: send on channel 'ch', which is nil on some paths
  ch.send(1);
}

void assigned_in_by_copy_callback() {
  chan::Chan<int> ch;
  run([ch]() mutable { ch = chan::make<int>(1); }); // assigns the lambda's own copy
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'ch', which is nil on every path
  ch.send(1);
}

// CHECK-NOT: {{^/.*}}[CH104
// ---- negative cases ----

void nil_case_in_select_disables_it(chan::Chan<int> data) {
  chan::Chan<int> disabled;
  chan::select(chan::on_recv(disabled, [](int, bool) {}), chan::on_recv(data, [](int, bool) {}));
}

void made_after_declaration() {
  chan::Chan<int> ch;
  ch = chan::make<int>(1);
  ch.send(1);
}

void checked_before_use(bool ready) {
  chan::Chan<int> ch;
  if (ready)
    ch = chan::make<int>(1);
  if (!ch)
    return;
  ch.send(1);
}

void assigned_in_by_reference_callback() {
  chan::Chan<int> ch;
  run([&] { ch = chan::make<int>(1); });
  ch.send(1);
}
