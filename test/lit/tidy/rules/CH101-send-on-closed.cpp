// RUN: %check_clang_tidy %s channel-send-on-closed %t
#include <chan/chan.hpp>

#include <vector>

struct Pipeline {
  chan::Chan<int> queue = chan::make<int>(8);
  void shutdown() { queue.close(); }
  void submit(int job) { queue.send(job); }
};

void closed_then_sent() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch' that is closed on every path reaching it: it panics with "send on closed channel" [channel-send-on-closed]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: channel 'ch' is made here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: channel 'ch' is closed here
}

void closed_on_the_error_path(bool failed) {
  auto ch = chan::make<int>(1);
  if (failed)
    ch.close();
  ch.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch' that is closed on some paths reaching it: it panics with "send on closed channel" [channel-send-on-closed]
}

void method_closes_then_caller_sends(Pipeline &p) {
  p.shutdown();
  p.submit(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'submit' sends on channel 'p.queue', which is closed on every path reaching it{{.*}} [channel-send-on-closed]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: channel 'p.queue' is closed here
}

template <class Ch> void close_and_send(Ch ch) {
  ch.close();
  ch.send(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch' that is closed on every path reaching it{{.*}} [channel-send-on-closed]
}
template void close_and_send(chan::Chan<int>);

// ---- nothing below may be reported ----

void close_after_the_last_send(std::vector<int> jobs) {
  auto ch = chan::make<int>(jobs.size());
  for (int j : jobs)
    ch.send(j);
  ch.close();
}

void reopened_before_the_send() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch = chan::make<int>(1);
  ch.send(1);
}

void producer_closes_after_its_sends() {
  auto ch = chan::make<int>();
  chan::go([ch]() mutable {
    for (int i = 0; i < 3; ++i)
      ch.send(i);
    ch.close();
  });
  for (int v : ch)
    (void)v;
}
