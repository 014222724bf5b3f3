// RUN: %check_clang_tidy %s channel-nil-channel-op %t
#include <chan/chan.hpp>

#include <functional>
#include <utility>

void run(const std::function<void()> &f) { f(); }

void send_on_a_never_made_channel() {
  chan::Chan<int> results;
  results.send(42);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'results', which is nil on every path: it blocks forever [channel-nil-channel-op]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: channel 'results' is nil from here
}

int recv_after_handing_it_off() {
  auto ch = chan::make<int>(1);
  auto taken = std::move(ch);
  taken.close();
  return ch.recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: recv() on channel 'ch', which is nil on every path{{.*}} [channel-nil-channel-op]
}

void range_over_a_nil_view() {
  chan::RecvChan<int> in;
  for (int v : in)
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: range over channel 'in', which is nil on every path{{.*}} [channel-nil-channel-op]
    (void)v;
}

void callback_assigns_its_own_copy() {
  chan::Chan<int> ch;
  run([ch]() mutable { ch = chan::make<int>(1); });
  ch.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch', which is nil on every path{{.*}} [channel-nil-channel-op]
}

void made_on_one_branch(bool ready) {
  chan::Chan<int> ch;
  if (ready)
    ch = chan::make<int>(1);
  ch.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch', which is nil on some paths{{.*}} [channel-nil-channel-op]
}

// ---- nothing below may be reported ----

void nil_case_disables_a_select_case(chan::Chan<int> data) {
  chan::Chan<int> disabled;
  chan::select(chan::on_recv(disabled, [](int, bool) {}), chan::on_recv(data, [](int, bool) {}));
}

void callback_assigns_by_reference() {
  chan::Chan<int> ch;
  run([&ch] { ch = chan::make<int>(1); });
  ch.send(1);
}
