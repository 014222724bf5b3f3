// RUN: %check_clang_tidy %s channel-recv-after-close-unchecked %t
#include <chan/chan.hpp>

#include <vector>

void handle(int);

void consumer_spins_on_zero_values(std::vector<int> work) {
  auto jobs = chan::make<int>();
  chan::go([jobs, work]() mutable {
    for (int w : work)
      jobs.send(w);
    jobs.close();
  });
  for (;;) {
    int job = jobs.recv();
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: recv() on channel 'jobs' in a loop without exit, while another goroutine closes it: after the close every recv() yields the zero value; use recv_ok() or range-for [channel-recv-after-close-unchecked]
    // CHECK-MESSAGES: :[[@LINE-9]]:15: note: channel 'jobs' is made here
    // CHECK-MESSAGES: :[[@LINE-9]]:3: note: a goroutine is started here
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: channel 'jobs' is closed here, by another goroutine
    handle(job);
  }
}

void recv_from_a_drained_closed_channel() {
  auto ch = chan::make<int>();
  ch.close();
  int v = ch.recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: recv() on channel 'ch', which is closed on every path with nothing left in it, yields the zero value{{.*}} [channel-recv-after-close-unchecked]
  handle(v);
}

void producer_may_stop(bool stop) {
  auto ch = chan::make<int>();
  chan::go([ch, stop]() mutable {
    ch.send(1);
    if (stop)
      ch.close();
  });
  for (;;)
    handle(ch.recv());
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: recv() on channel 'ch' in a loop without exit, while another goroutine may close it{{.*}} [channel-recv-after-close-unchecked]
}

// ---- nothing below may be reported ----

void checked_with_recv_ok() {
  auto jobs = chan::make<int>();
  chan::go([jobs]() mutable {
    jobs.send(1);
    jobs.close();
  });
  for (;;) {
    auto [job, ok] = jobs.recv_ok();
    if (!ok)
      break;
    handle(job);
  }
}

void ranged() {
  auto jobs = chan::make<int>();
  chan::go([jobs]() mutable {
    jobs.send(1);
    jobs.close();
  });
  for (int job : jobs)
    handle(job);
}
