// A context's cancel function started as a goroutine (go(cancel)) cancels the
// context at some moment: a wait on ctx.done() is not blocked forever, and
// what happens after it (a producer left without its consumer) is judged.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <vector>

struct Job {
  chan::Context ctx;
  chan::Chan<int> spans = chan::make<int>(2);
};

void produce(Job *job, int n) {
  for (int i = 0; i < n; ++i)
    job->spans.send(i);
  // CHECK: :[[@LINE-1]]:5: error: the goroutine started at line [[@LINE+9]] blocks forever sending on channel 'job->spans': no goroutine is left to receive (a goroutine leak) [CH201 blocked-send-leak]
  job->spans.close();
}

// The consumer takes one span, then waits for the job to be cancelled and
// returns: the producer's later sends fill the buffer and block.
int consume_until_cancelled(const chan::Context &ctx) {
  auto job = std::make_shared<Job>();
  job->ctx = ctx;
  chan::go([job] { produce(job.get(), 5); });
  for (int span : job->spans) {
    job->ctx.done().recv();
    return span;
  }
  return -1;
}

int cancelled_consumer() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  chan::go(cancel);
  // CHECK: :[[@LINE-1]]:3: note: the goroutine started at line [[@LINE-1]] cancels its context
  return consume_until_cancelled(ctx);
}

// ---- nothing below may be reported ----

// The same producer watching the context: it returns once the job is cancelled.
void produce_or_stop(const chan::Context &ctx, chan::Chan<int> spans, int n) {
  for (int i = 0; i < n; ++i) {
    bool cancelled = false;
    chan::select(chan::on_send(spans, i, [] {}), chan::on_recv(ctx.done(), [&] { cancelled = true; }));
    if (cancelled)
      break;
  }
  spans.close();
}

int watching_producer() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  chan::go(cancel);
  auto spans = chan::make<int>(2);
  chan::go([ctx, spans] { produce_or_stop(ctx, spans, 5); });
  for (int span : spans) {
    ctx.done().recv(); // returns once the goroutine running cancel has run
    return span;
  }
  return -1;
}

// Waits for the cancel running in a goroutine of its own, then for the worker.
int wait_for_cancel() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  auto result = chan::make<int>();
  chan::go([result] { result.send(42); });
  chan::go(cancel);
  ctx.done().recv();
  return result.recv();
}
