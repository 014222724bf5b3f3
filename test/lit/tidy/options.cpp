// CheckOptions: MinimumSeverity keeps the findings at or above an engine
// level (error: only what holds on every path), per check; StateBudget bounds
// the explorer (a region over budget gives no finding), globally or per
// check; bad values are reported by clang-tidy and the defaults used.
// RUN: %check_clang_tidy --check-suffix=DEFAULT %s 'channel-*' %t
// RUN: %check_clang_tidy --check-suffix=DEFINITE %s 'channel-*' %t -- \
// RUN:   --config="{CheckOptions: {channel-send-on-closed.MinimumSeverity: error}}"
// RUN: %check_clang_tidy --check-suffix=BAD %s 'channel-*' %t -- \
// RUN:   --config="{CheckOptions: {channel-send-on-closed.MinimumSeverity: fatal, StateBudget: lots}}"
// RUN: %check_clang_tidy --check-suffix=DEFAULT %s 'channel-*' %t -- \
// RUN:   --config="{CheckOptions: {StateBudget: 1000, channel-close-of-closed.StateBudget: 50}}"
// RUN: %check_clang_tidy --check-suffix=TINY %s 'channel-*' %t -- \
// RUN:   --config="{CheckOptions: {StateBudget: 3}}"
// RUN: %check_clang_tidy --check-suffix=TINY-BUT-ONE %s 'channel-*' %t -- \
// RUN:   --config="{CheckOptions: {StateBudget: 3, channel-wait-cycle.StateBudget: 100000}}"
// clang-tidy reports configuration problems before any finding:
// CHECK-MESSAGES-BAD: warning: invalid configuration value 'fatal' for option 'channel-send-on-closed.MinimumSeverity' [clang-tidy-config]
// CHECK-MESSAGES-BAD: warning: invalid configuration value 'lots' for option 'StateBudget'; expected an integer [clang-tidy-config]
#include <chan/chan.hpp>

int compute(int);

void sent_after_close_on_some_paths(bool failed) {
  auto ch = chan::make<int>(1);
  if (failed)
    ch.close();
  ch.send(1);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: send on channel 'ch' that is closed on some paths{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-BAD: :[[@LINE-2]]:3: warning: send on channel 'ch' that is closed on some paths{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-TINY: :[[@LINE-3]]:3: warning: send on channel 'ch' that is closed on some paths{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-TINY-BUT-ONE: :[[@LINE-4]]:3: warning: send on channel 'ch' that is closed on some paths{{.*}} [channel-send-on-closed]
}

void sent_after_close_on_every_path() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: send on channel 'ch' that is closed on every path{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-DEFINITE: :[[@LINE-2]]:3: warning: send on channel 'ch' that is closed on every path{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-BAD: :[[@LINE-3]]:3: warning: send on channel 'ch' that is closed on every path{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-TINY: :[[@LINE-4]]:3: warning: send on channel 'ch' that is closed on every path{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-TINY-BUT-ONE: :[[@LINE-5]]:3: warning: send on channel 'ch' that is closed on every path{{.*}} [channel-send-on-closed]
}

void closed_twice_on_some_paths(bool early) {
  auto ch = chan::make<int>(1);
  if (early)
    ch.close();
  ch.close();
  // The option is per check: close-of-closed still reports what is possible.
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:3: warning: close of channel 'ch', which is already closed on some paths{{.*}} [channel-close-of-closed]
  // CHECK-MESSAGES-DEFINITE: :[[@LINE-3]]:3: warning: close of channel 'ch', which is already closed on some paths{{.*}} [channel-close-of-closed]
  // CHECK-MESSAGES-BAD: :[[@LINE-4]]:3: warning: close of channel 'ch', which is already closed on some paths{{.*}} [channel-close-of-closed]
  // CHECK-MESSAGES-TINY: :[[@LINE-5]]:3: warning: close of channel 'ch', which is already closed on some paths{{.*}} [channel-close-of-closed]
  // CHECK-MESSAGES-TINY-BUT-ONE: :[[@LINE-6]]:3: warning: close of channel 'ch', which is already closed on some paths{{.*}} [channel-close-of-closed]
}

// A blocking bug: found by the explorer within the default budget, not
// within 3 states; the per-check value overrides the global one.
int wait_before_drain() {
  auto results = chan::make<int>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([results, &wg] { results.send(compute(1)); wg.done(); });
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:29: warning: wait cycle: {{.*}} [channel-wait-cycle]
  // CHECK-MESSAGES-DEFINITE: :[[@LINE-2]]:29: warning: wait cycle: {{.*}} [channel-wait-cycle]
  // CHECK-MESSAGES-BAD: :[[@LINE-3]]:29: warning: wait cycle: {{.*}} [channel-wait-cycle]
  // CHECK-MESSAGES-TINY-BUT-ONE: :[[@LINE-4]]:29: warning: wait cycle: {{.*}} [channel-wait-cycle]
  chan::go([results, &wg] { results.send(compute(2)); wg.done(); });
  wg.wait();
  return results.recv() + results.recv();
}
