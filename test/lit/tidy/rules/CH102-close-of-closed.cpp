// RUN: %check_clang_tidy %s channel-close-of-closed %t
#include <chan/chan.hpp>

#include <mutex>

class Server {
public:
  void stop() { done_.close(); }
  void stop_once() {
    std::call_once(once_, [this] { done_.close(); });
  }

private:
  chan::Chan<chan::Unit> done_ = chan::make<chan::Unit>();
  std::once_flag once_;
};

void closed_twice() {
  auto ch = chan::make<int>();
  ch.close();
  ch.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: close of channel 'ch', which is already closed on every path: it panics with "close of closed channel" [channel-close-of-closed]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: channel 'ch' is made here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: channel 'ch' is closed here
}

void closed_through_a_copy_then_again(bool early) {
  auto ch = chan::make<int>();
  auto alias = ch;
  if (early)
    alias.close();
  ch.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: close of channel 'ch', which is already closed on some paths{{.*}} [channel-close-of-closed]
}

void stopped_twice(Server &s) {
  s.stop();
  s.stop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'stop' closes channel 's.done_', which is already closed on every path{{.*}} [channel-close-of-closed]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: channel 's.done_' is closed here
  // CHECK-MESSAGES: :8:17: note: inside 'stop', the close is here
}

void closer(chan::Chan<int> out) { out.close(); }
void goroutine_and_caller_both_close() {
  auto out = chan::make<int>(4);
  chan::go([out] { out.close(); });
  closer(out);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'closer' closes channel 'out', which a goroutine started earlier also closes: whichever close runs second panics{{.*}} [channel-close-of-closed]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: a goroutine is started here
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: channel 'out' is closed here, by another goroutine
}

// ---- nothing below may be reported ----

void stop_once_is_idempotent(Server &s) {
  s.stop_once();
  s.stop_once();
}

void one_close_per_channel() {
  auto a = chan::make<int>(), b = chan::make<int>();
  a.close();
  b.close();
}
