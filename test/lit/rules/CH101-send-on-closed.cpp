// CH101 send-on-closed: positive cases carry a CHECK on the line before;
// every other function must stay silent (--implicit-check-not).
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <mutex>
#include <utility>

struct Pipeline {
  chan::Chan<int> queue;
};
void shutdown(Pipeline &p) { p.queue.close(); }
void maybe_shutdown(Pipeline &p, bool now) {
  if (now)
    p.queue.close();
}
void produce(chan::SendChan<int> out) { out.send(1); }

void closed_then_send() {
  auto ch = chan::make<int>(1);
  ch.close();
  // CHECK: CH101-send-on-closed.cpp:[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path reaching it: it panics with "send on closed channel" [CH101 send-on-closed]
  ch.send(1);
  // CHECK: note: channel 'ch' is made here
  // CHECK: note: channel 'ch' is closed here
}

void copy_of_closed(chan::Chan<int> ch) {
  auto alias = ch;
  alias.close();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path
  ch.send(2);
}

void direction_view(chan::Chan<int> ch) {
  chan::SendChan<int> out = ch;
  ch.close();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'out' that is closed on every path
  out.send(3);
}

void closed_on_one_branch(bool fail) {
  auto ch = chan::make<int>(1);
  if (fail)
    ch.close();
  // CHECK: :[[@LINE+1]]:3: warning: send on channel 'ch' that is closed on some paths reaching it
  ch.send(1);
}

void field_closed_by_helper() {
  Pipeline p{chan::make<int>(4)};
  shutdown(p);
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'p.queue' that is closed on every path
  p.queue.send(1);
  // CHECK: note: channel 'p.queue' is closed here
}

void field_maybe_closed_by_helper(bool now) {
  Pipeline p{chan::make<int>(4)};
  maybe_shutdown(p, now);
  // CHECK: :[[@LINE+1]]:3: warning: send on channel 'p.queue' that is closed on some paths
  p.queue.send(1);
}

void pointer_to_struct(Pipeline *p) {
  p->queue.close();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'p->queue' that is closed on every path
  p->queue.send(1);
}

void helper_sends_on_closed() {
  auto ch = chan::make<int>(1);
  ch.close();
  // CHECK: :[[@LINE+1]]:3: error: call to 'produce' sends on channel 'ch', which is closed on every path reaching it
  produce(ch);
}

void lambda_closes() {
  auto ch = chan::make<int>(1);
  auto finish = [&] { ch.close(); };
  finish();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path
  ch.send(1);
}

#define EMIT(c, v) (c).send(v)
void through_macro() {
  auto ch = chan::make<int>(1);
  ch.close();
  // CHECK: :[[@LINE+1]]:3: error: send on channel
  EMIT(ch, 1);
}

template <class C> void send_after_close(C c) {
  c.close();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'c' that is closed on every path
  c.send(1);
}
template void send_after_close(chan::Chan<int>);

void closed_by_goroutine_before_waitgroup_done() {
  auto jobs = chan::make<int>(1);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    jobs.send(1);
    jobs.close();
    wg.done();
  });
  wg.wait(); // the close happened before done(): it is visible now
  (void)jobs.recv();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'jobs' that is closed on every path
  jobs.send(2);
}

void closed_before_signal_channel_close() {
  auto data = chan::make<int>(1);
  auto finished = chan::make<chan::Unit>();
  chan::go([data, finished] {
    data.close();
    finished.close();
  });
  finished.recv(); // nothing is sent on `finished`: this returns at its close
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'data' that is closed on every path
  data.send(1);
}

void close_while_worker_may_send() {
  auto out = chan::make<int>(4);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    out.send(1);
    wg.done();
  });
  // CHECK: :[[@LINE+1]]:3: warning: close of channel 'out' while a goroutine started earlier may still send on it
  out.close();
  // CHECK: note: the goroutine is started here
  // CHECK: note: it sends on channel 'out' here
  wg.wait();
}

void close_channel(chan::Chan<int> c) { c.close(); }

void close_in_helper_while_worker_may_send() {
  auto out = chan::make<int>(4);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    out.send(1);
    wg.done();
  });
  // CHECK: :[[@LINE+1]]:3: warning: call to 'close_channel' closes channel 'out' while a goroutine started earlier may still send on it
  close_channel(out);
  // CHECK: note: the goroutine is started here
  // CHECK: note: it sends on channel 'out' here
  // CHECK: :[[@LINE-14]]:41: note: inside 'close_channel', the close is here
  wg.wait();
}

// The bug is the callee's own (it starts the worker and closes too early):
// reported there, not again at each call.
void calls_a_function_that_closes_too_early() {
  close_while_worker_may_send();
  close_in_helper_while_worker_may_send();
}

void close_in_helper_after_wait() {
  auto out = chan::make<int>(4);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    out.send(1);
    wg.done();
  });
  wg.wait();
  close_channel(out);
}

bool try_send(chan::Chan<int> ch, int v) {
  bool sent = false;
  chan::select(chan::on_send(ch, v, [&] { sent = true; }), chan::on_default([] {}));
  return sent;
}

void nonblocking_send_on_closed() {
  auto ch = chan::make<int>(1);
  ch.close();
  // A closed channel's send case is ready: the default does not protect it.
  // CHECK: :[[@LINE+1]]:16: error: select case sends on channel 'ch' that is closed on every path reaching it (a default case does not prevent it
  chan::select(chan::on_send(ch, 1, [] {}), chan::on_default([] {}));
}

void helper_with_nonblocking_send_on_closed() {
  auto ch = chan::make<int>(1);
  ch.close();
  // CHECK: :[[@LINE+1]]:3: error: call to 'try_send' sends on channel 'ch', which is closed on every path
  try_send(ch, 1);
}

void select_send_among_other_cases(chan::Chan<int> quit) {
  auto ch = chan::make<int>(1);
  ch.close();
  // CHECK: :[[@LINE+1]]:16: warning: select case sends on channel 'ch' that is closed on every path
  chan::select(chan::on_send(ch, 1, [] {}), chan::on_recv(quit, [](int, bool) {}));
}

// CHECK-NOT: {{^/.*}}[CH101
// ---- negative cases: nothing below may be reported ----

void single_producer_closes_after_loop() {
  auto ch = chan::make<int>(8);
  chan::go([ch]() mutable {
    for (int i = 0; i < 8; ++i)
      ch.send(i);
    ch.close();
  });
  for (int v : ch)
    (void)v;
}

void reassigned_after_close() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch = chan::make<int>(1);
  ch.send(1);
}

void close_then_break_in_loop(int n) {
  auto ch = chan::make<int>(n);
  for (int i = 0;; ++i) {
    if (i == n) {
      ch.close();
      break;
    }
    ch.send(i);
  }
}

void close_only_after_last_send_in_loop(int n) {
  auto ch = chan::make<int>(n);
  bool done = false;
  for (int i = 0; !done; ++i) {
    ch.send(i);
    if (i + 1 == n) {
      ch.close();
      done = true;
    }
  }
}

void other_channel_closed() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  a.close();
  b.send(1);
}

void select_with_default_on_open(chan::Chan<int> ch) {
  chan::select(chan::on_send(ch, 1, [] {}), chan::on_default([] {}));
}

void done_before_close() {
  auto jobs = chan::make<int>(1);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    wg.done();
    jobs.close(); // may still be ahead when wait() returns
  });
  wg.wait();
  jobs.send(1);
}

void signal_channel_also_carries_values() {
  auto data = chan::make<int>(1);
  auto events = chan::make<int>(1);
  chan::go([data, events] {
    events.send(1);
    data.close();
    events.close();
  });
  (void)events.recv(); // returns at the send, before the close
  data.send(1);
}

void closed_only_on_some_goroutine_paths(bool stop) {
  auto jobs = chan::make<int>(1);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    if (stop)
      jobs.close();
    wg.done();
  });
  wg.wait();
  jobs.send(1);
}

void close_after_workers_are_done(int n) {
  auto out = chan::make<int>(4);
  chan::WaitGroup wg;
  for (int i = 0; i < n; ++i) {
    wg.add(1);
    chan::go([&, i] {
      out.send(i);
      wg.done();
    });
  }
  chan::go([&] {
    wg.wait();
    out.close();
  });
  for (int v : out)
    (void)v;
}

void close_after_done_signal() {
  auto out = chan::make<int>(4);
  auto done = chan::make<chan::Unit>();
  chan::go([out, done] {
    out.send(1);
    done.close();
  });
  done.recv();
  out.close();
}

void finish(chan::Chan<int> out, chan::WaitGroup &wg) {
  wg.wait();
  out.close();
}

void close_in_a_helper_that_waits_first() {
  auto out = chan::make<int>(4);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    out.send(1);
    wg.done();
  });
  finish(out, wg);
}
