// CH105 recv-after-close-unchecked.
// RUN: %expect_exit 1 %chcheck --enable CH105 %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

void process(int);

void consumer_spins_on_zero_values() {
  auto jobs = chan::make<int>();
  chan::go([jobs]() mutable {
    for (int i = 1; i <= 3; ++i)
      jobs.send(i);
    jobs.close();
  });
  for (;;) {
    // CHECK: CH105-recv-after-close-unchecked.cpp:[[@LINE+1]]:15: error: recv() on channel 'jobs' in a loop without exit, while another goroutine closes it: after the close every recv() yields the zero value; use recv_ok() or range-for [CH105 recv-after-close-unchecked]
    int job = jobs.recv();
    process(job);
  }
  // CHECK: note: channel 'jobs' is made here
  // CHECK: note: a goroutine is started here
  // CHECK: note: channel 'jobs' is closed here, by another goroutine
}

void goroutine_consumer_of_parent_close() {
  auto events = chan::make<int>(4);
  chan::go([events]() mutable {
    while (true) {
      // CHECK: :[[@LINE+1]]:15: error: recv() on channel 'events' in a loop without exit, while another goroutine closes it
      process(events.recv());
    }
  });
  events.send(1);
  events.close();
}

void unbuffered_closed_here() {
  auto ch = chan::make<int>();
  ch.close();
  // CHECK: :[[@LINE+1]]:11: error: recv() on channel 'ch', which is closed on every path with nothing left in it, yields the zero value
  int v = ch.recv();
  process(v);
}

void producer_may_close(bool stop) {
  auto ch = chan::make<int>();
  chan::go([ch, stop]() mutable {
    ch.send(1);
    if (stop)
      ch.close();
  });
  for (;;)
    // CHECK: :[[@LINE+1]]:13: warning: recv() on channel 'ch' in a loop without exit, while another goroutine may close it
    process(ch.recv());
}

void lookup_failed_closes_without_sending() {
  auto port = chan::make<int>();
  chan::go([port] { port.close(); });
  // CHECK: :[[@LINE+1]]:11: error: recv() on channel 'port' can only return when another goroutine closes it (nothing is ever sent on it)
  int p = port.recv();
  process(p);
}

void closed_before_the_goroutine_started() {
  auto ch = chan::make<int>(1);
  ch.close();
  chan::go([ch] {
    // CHECK: :[[@LINE+1]]:13: error: recv() on channel 'ch', which is closed on every path with nothing left in it
    process(ch.recv());
  });
}

// CHECK-NOT: {{^/.*}}[CH105
// ---- negative cases ----

void recv_ok_checked() {
  auto jobs = chan::make<int>();
  chan::go([jobs]() mutable {
    jobs.send(1);
    jobs.close();
  });
  for (;;) {
    auto [job, ok] = jobs.recv_ok();
    if (!ok)
      break;
    process(job);
  }
}

void range_for() {
  auto jobs = chan::make<int>();
  chan::go([jobs]() mutable {
    jobs.send(1);
    jobs.close();
  });
  for (int job : jobs)
    process(job);
}

void close_as_signal() {
  auto done = chan::make<chan::Unit>();
  chan::go([done]() mutable { done.close(); });
  done.recv(); // waits for the close; the value is not used
}

void sentinel_checked() {
  auto jobs = chan::make<int>();
  chan::go([jobs]() mutable {
    jobs.send(1);
    jobs.send(-1);
    jobs.close();
  });
  for (;;) {
    int job = jobs.recv();
    if (job < 0)
      break;
    process(job);
  }
}

void counted_receives() {
  auto jobs = chan::make<int>();
  chan::go([jobs]() mutable {
    for (int i = 0; i < 3; ++i)
      jobs.send(i);
    jobs.close();
  });
  for (int i = 0; i < 3; ++i)
    process(jobs.recv());
}

void buffered_drained_after_close() {
  auto ch = chan::make<int>(2);
  ch.send(1);
  ch.close();
  process(ch.recv());
}

void publish(chan::Chan<int>);

void closed_after_a_send_elsewhere() {
  auto port = chan::make<int>(1);
  chan::go([port] {
    port.send(8080);
    port.close();
  });
  process(port.recv());
}

void escapes_to_unknown_code() {
  auto port = chan::make<int>(1);
  publish(port); // whoever gets it may send
  chan::go([port] { port.close(); });
  process(port.recv());
}

void buffered_filled_before_the_goroutine_started() {
  auto ch = chan::make<int>(1);
  ch.send(7);
  ch.close();
  chan::go([ch] { process(ch.recv()); });
}
