// CheckOptions: MinimumSeverity keeps the findings at or above an engine
// level (error: only what holds on every path), per check; bad values are
// reported by clang-tidy and the defaults used.
// RUN: %check_clang_tidy --check-suffix=DEFAULT %s 'channel-*' %t
// RUN: %check_clang_tidy --check-suffix=DEFINITE %s 'channel-*' %t -- \
// RUN:   --config="{CheckOptions: {channel-send-on-closed.MinimumSeverity: error}}"
// RUN: %check_clang_tidy --check-suffix=BAD %s 'channel-*' %t -- \
// RUN:   --config="{CheckOptions: {channel-send-on-closed.MinimumSeverity: fatal, StateBudget: lots}}"
// RUN: %check_clang_tidy --check-suffix=DEFAULT %s 'channel-*' %t -- \
// RUN:   --config="{CheckOptions: {StateBudget: 1000, channel-close-of-closed.StateBudget: 50}}"
// clang-tidy reports configuration problems before any finding:
// CHECK-MESSAGES-BAD: warning: invalid configuration value 'fatal' for option 'channel-send-on-closed.MinimumSeverity' [clang-tidy-config]
// CHECK-MESSAGES-BAD: warning: invalid configuration value 'lots' for option 'StateBudget'; expected an integer [clang-tidy-config]
#include <chan/chan.hpp>

void sent_after_close_on_some_paths(bool failed) {
  auto ch = chan::make<int>(1);
  if (failed)
    ch.close();
  ch.send(1);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: send on channel 'ch' that is closed on some paths{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-BAD: :[[@LINE-2]]:3: warning: send on channel 'ch' that is closed on some paths{{.*}} [channel-send-on-closed]
}

void sent_after_close_on_every_path() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: send on channel 'ch' that is closed on every path{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-DEFINITE: :[[@LINE-2]]:3: warning: send on channel 'ch' that is closed on every path{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES-BAD: :[[@LINE-3]]:3: warning: send on channel 'ch' that is closed on every path{{.*}} [channel-send-on-closed]
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
}
