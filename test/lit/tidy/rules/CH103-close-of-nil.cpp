// RUN: %check_clang_tidy %s channel-close-of-nil %t
#include <chan/chan.hpp>

#include <optional>
#include <utility>

struct Worker {
  chan::Chan<int> inbox;
  void start() { inbox = chan::make<int>(16); }
};

void never_made() {
  chan::Chan<int> ch;
  ch.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: close of channel 'ch', which is nil on every path: it panics with "close of nil channel" [channel-close-of-nil]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: channel 'ch' is nil from here
}

void moved_away_then_closed() {
  auto ch = chan::make<int>();
  auto owner = std::move(ch);
  ch.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: close of channel 'ch', which is nil on every path{{.*}} [channel-close-of-nil]
  owner.close();
}

void made_only_when_ready(bool ready) {
  chan::Chan<int> ch;
  if (ready)
    ch = chan::make<int>();
  ch.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: close of channel 'ch', which is nil on some paths{{.*}} [channel-close-of-nil]
}

// ---- nothing below may be reported ----

void guarded_by_a_nil_test(bool ready) {
  chan::Chan<int> ch;
  if (ready)
    ch = chan::make<int>();
  if (ch)
    ch.close();
}

void state_unknown_from_the_caller(Worker &w) { w.inbox.close(); }

void copied_not_moved() {
  auto ch = chan::make<int>();
  auto copy = ch;
  copy.close();
}
