// A file with one bug of every lifecycle rule and a goroutine leak: a run
// reports exactly the findings of the checks it enables, whichever they are.
// RUN: %check_clang_tidy --check-suffix=NIL %s channel-close-of-nil %t
// RUN: %check_clang_tidy --check-suffix=TWO %s channel-send-on-closed,channel-nil-channel-op %t
// RUN: %check_clang_tidy --check-suffix=ALL %s 'channel-*' %t
// RUN: %check_clang_tidy --check-suffix=NONE %s 'bugprone-use-after-move' %t
// RUN: %check_clang_tidy --check-suffix=LEAK %s channel-blocked-recv-leak %t
#include <chan/chan.hpp>

void handle(int);

void send_on_closed() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
  // CHECK-MESSAGES-TWO: :[[@LINE-1]]:3: warning: {{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: warning: {{.*}} [channel-send-on-closed]
}

void close_of_closed() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.close();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: {{.*}} [channel-close-of-closed]
}

void close_of_nil() {
  chan::Chan<int> ch;
  ch.close();
  // CHECK-MESSAGES-NIL: :[[@LINE-1]]:3: warning: {{.*}} [channel-close-of-nil]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: warning: {{.*}} [channel-close-of-nil]
}

void nil_channel_op() {
  chan::Chan<int> ch;
  ch.send(1);
  // CHECK-MESSAGES-TWO: :[[@LINE-1]]:3: warning: {{.*}} [channel-nil-channel-op]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: warning: {{.*}} [channel-nil-channel-op]
}

void recv_after_close_unchecked() {
  auto ch = chan::make<int>();
  ch.close();
  handle(ch.recv());
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:10: warning: {{.*}} [channel-recv-after-close-unchecked]
}

void work(int);

void blocked_recv_leak() {
  auto jobs = chan::make<int>(4);
  chan::go([jobs] {
    for (int j : jobs)
      // CHECK-MESSAGES-LEAK: :[[@LINE-1]]:18: warning: {{.*}} [channel-blocked-recv-leak]
      // CHECK-MESSAGES-ALL: :[[@LINE-2]]:18: warning: {{.*}} [channel-blocked-recv-leak]
      work(j);
  });
  jobs.send(1);
}
