// chan::after and the context package: after delivers exactly once, no
// sooner than asked; a context's done channel closes on cancel and on
// deadline with Go's err() values, and cancellation flows from parent to
// child, never back.
#include "test_util.hpp"

using namespace chan_test;
using Clock = std::chrono::steady_clock;

namespace {

// True when a receive on `ch` would not block right now.
template <class C>
bool ready(C ch) {
  return chan::select(chan::on_recv(ch, [](auto, bool) {}), chan::on_default([] {})) == 0;
}

TEST(After, DeliversOnceNoSoonerThanTheDuration) {
  const auto start = Clock::now();
  auto timer = chan::after(60ms);
  EXPECT_FALSE(ready(timer));
  auto [when, ok] = timer.recv_ok();
  const auto elapsed = Clock::now() - start;
  EXPECT_TRUE(ok);  // Go's time.After channel is never closed
  EXPECT_GE(elapsed, 60ms);
  EXPECT_GE(when - start, 60ms);  // the delivered value is the firing time
  EXPECT_LE(when, Clock::now());
  // Once: nothing more arrives.
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(ready(timer));
}

TEST(After, ZeroDurationDeliversPromptly) {
  auto timer = chan::after(0ms);
  EXPECT_TRUE(eventually([&] { return ready(timer); }, 2s));
}

TEST(After, TimesOutASelect) {
  auto never = chan::make<int>();
  const auto start = Clock::now();
  std::size_t idx = chan::select(chan::on_recv(never, [](int, bool) {}), chan::on_recv(chan::after(40ms), [](auto, bool) {}));
  EXPECT_EQ(idx, 1u);
  EXPECT_GE(Clock::now() - start, 40ms);
}

TEST(After, IndependentTimersFireInDeadlineOrder) {
  auto slow = chan::after(150ms);
  auto fast = chan::after(30ms);
  std::size_t first = chan::select(chan::on_recv(slow, [](auto, bool) {}), chan::on_recv(fast, [](auto, bool) {}));
  EXPECT_EQ(first, 1u);
  (void)slow.recv();
}

TEST(Context, BackgroundIsNeverDone) {
  auto bg = chan::background();
  EXPECT_EQ(bg.err(), chan::ContextError::none);
  EXPECT_FALSE(ready(bg.done()));
}

TEST(Context, ErrorStringsAreGos) {
  EXPECT_STREQ(chan::to_string(chan::ContextError::canceled), "context canceled");
  EXPECT_STREQ(chan::to_string(chan::ContextError::deadline_exceeded), "context deadline exceeded");
}

TEST(Context, CancelClosesDone) {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  EXPECT_EQ(ctx.err(), chan::ContextError::none);
  EXPECT_FALSE(ready(ctx.done()));
  cancel();
  auto [v, ok] = ctx.done().recv_ok();
  EXPECT_FALSE(ok);  // closed, not sent on
  EXPECT_EQ(ctx.err(), chan::ContextError::canceled);
  cancel();  // idempotent, as in Go
  EXPECT_EQ(ctx.err(), chan::ContextError::canceled);
}

TEST(Context, CancelWakesABlockedGoroutine) {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  auto done = ctx.done();
  auto probe = start_probe([done]() mutable { (void)done.recv(); });
  EXPECT_TRUE(still_blocked(probe));
  cancel();
  EXPECT_TRUE(finishes(probe));
}

TEST(Context, TimeoutClosesDoneAtTheDeadline) {
  const auto start = Clock::now();
  auto [ctx, cancel] = chan::with_timeout(chan::background(), 60ms);
  EXPECT_FALSE(ready(ctx.done()));
  EXPECT_EQ(ctx.err(), chan::ContextError::none);
  (void)ctx.done().recv();
  EXPECT_GE(Clock::now() - start, 60ms);
  EXPECT_EQ(ctx.err(), chan::ContextError::deadline_exceeded);
  cancel();  // after the deadline: err stays deadline_exceeded
  EXPECT_EQ(ctx.err(), chan::ContextError::deadline_exceeded);
}

TEST(Context, CancelBeforeTheDeadline) {
  auto [ctx, cancel] = chan::with_timeout(chan::background(), std::chrono::hours(1));
  cancel();
  EXPECT_TRUE(ready(ctx.done()));
  EXPECT_EQ(ctx.err(), chan::ContextError::canceled);
}

TEST(Context, ChildIsCancelledWithItsParent) {
  auto [parent, cancel_parent] = chan::with_cancel(chan::background());
  auto [child, cancel_child] = chan::with_cancel(parent);
  auto [timed_child, cancel_timed] = chan::with_timeout(parent, std::chrono::hours(1));
  auto [grandchild, cancel_grandchild] = chan::with_cancel(child);
  EXPECT_FALSE(ready(child.done()));
  cancel_parent();
  for (const auto* ctx : {&parent, &child, &timed_child, &grandchild}) {
    EXPECT_TRUE(eventually([&] { return ready(ctx->done()); }));
    EXPECT_EQ(ctx->err(), chan::ContextError::canceled);
  }
  cancel_child();
  cancel_timed();
  cancel_grandchild();
}

TEST(Context, CancellingAChildLeavesTheParentAlone) {
  auto [parent, cancel_parent] = chan::with_cancel(chan::background());
  auto [child, cancel_child] = chan::with_cancel(parent);
  cancel_child();
  EXPECT_TRUE(ready(child.done()));
  EXPECT_EQ(child.err(), chan::ContextError::canceled);
  EXPECT_FALSE(ready(parent.done()));
  EXPECT_EQ(parent.err(), chan::ContextError::none);
  cancel_parent();
}

TEST(Context, ChildOfATimedOutParentReportsDeadlineExceeded) {
  auto [parent, cancel_parent] = chan::with_timeout(chan::background(), 40ms);
  auto [child, cancel_child] = chan::with_cancel(parent);
  (void)child.done().recv();
  EXPECT_EQ(child.err(), chan::ContextError::deadline_exceeded);
  cancel_child();
  cancel_parent();
}

TEST(Context, ChildTimeoutShorterThanParent) {
  auto [parent, cancel_parent] = chan::with_cancel(chan::background());
  auto [child, cancel_child] = chan::with_timeout(parent, 30ms);
  (void)child.done().recv();
  EXPECT_EQ(child.err(), chan::ContextError::deadline_exceeded);
  EXPECT_EQ(parent.err(), chan::ContextError::none);
  cancel_child();
  cancel_parent();
}

TEST(Context, ChildOfACancelledParentIsBornCancelled) {
  auto [parent, cancel_parent] = chan::with_cancel(chan::background());
  cancel_parent();
  auto [child, cancel_child] = chan::with_cancel(parent);
  EXPECT_TRUE(ready(child.done()));
  EXPECT_EQ(child.err(), chan::ContextError::canceled);
  cancel_child();
}

TEST(Context, WorkerStopsOnCancel) {
  // The usual shape: a worker selects on ctx.done() and a work channel.
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  auto work = chan::make<int>();
  auto results = chan::make<int>(100);
  chan::go([ctx = ctx, work, results]() mutable {
    for (bool running = true; running;) {
      chan::select(chan::on_recv(ctx.done(), [&](chan::Unit, bool) { running = false; }),
                   chan::on_recv(work, [&](int v, bool) { results.send(v * 2); }));
    }
    results.close();
  });
  for (int i = 1; i <= 3; ++i) work.send(i);
  cancel();
  int sum = 0;
  for (int v : results) sum += v;
  EXPECT_EQ(sum, 2 + 4 + 6);
}

}  // namespace
