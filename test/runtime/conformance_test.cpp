// Conformance of chan::Chan with Go's channel semantics (the Go spec and
// src/runtime/chan.go): the table {nil, open unbuffered, open buffered,
// closed} x {send, recv, recv_ok, close, range, select}, close waking every
// blocked receiver and panicking every blocked sender, FIFO order,
// rendezvous, len/cap, handle semantics, move-only elements and direction
// views.
#include "test_util.hpp"

#include <concepts>
#include <memory>
#include <numeric>
#include <vector>

using namespace chan_test;

namespace {

// Direction views: what compiles and what must not.
template <class C> concept can_send = requires(C c) { c.send(1); };
template <class C> concept can_close = requires(C c) { c.close(); };
template <class C> concept can_recv = requires(C c) { c.recv(); };
template <class C> concept can_recv_ok = requires(C c) { c.recv_ok(); };
template <class C> concept can_range = requires(C c) { c.begin(); c.end(); };
template <class C> concept has_len_cap = requires(const C c) {
  { c.len() } -> std::same_as<std::size_t>;
  { c.cap() } -> std::same_as<std::size_t>;
};

static_assert(can_send<chan::Chan<int>> && can_close<chan::Chan<int>>);
static_assert(can_recv<chan::Chan<int>> && can_recv_ok<chan::Chan<int>> && can_range<chan::Chan<int>>);
static_assert(can_send<chan::SendChan<int>> && can_close<chan::SendChan<int>>);
static_assert(!can_recv<chan::SendChan<int>> && !can_recv_ok<chan::SendChan<int>>);
static_assert(!can_range<chan::SendChan<int>>);
static_assert(can_recv<chan::RecvChan<int>> && can_recv_ok<chan::RecvChan<int>> && can_range<chan::RecvChan<int>>);
static_assert(!can_send<chan::RecvChan<int>>);
static_assert(!can_close<chan::RecvChan<int>>);  // Go: close of receive-only channel does not compile
static_assert(has_len_cap<chan::Chan<int>> && has_len_cap<chan::SendChan<int>> && has_len_cap<chan::RecvChan<int>>);
static_assert(std::is_convertible_v<chan::Chan<int>, chan::SendChan<int>>);
static_assert(std::is_convertible_v<chan::Chan<int>, chan::RecvChan<int>>);
static_assert(!std::is_convertible_v<chan::SendChan<int>, chan::Chan<int>>);
static_assert(!std::is_convertible_v<chan::RecvChan<int>, chan::Chan<int>>);
static_assert(!std::is_convertible_v<chan::SendChan<int>, chan::RecvChan<int>>);
static_assert(!std::is_convertible_v<chan::RecvChan<int>, chan::SendChan<int>>);
static_assert(!std::is_convertible_v<chan::Chan<int>, bool>);  // operator bool is explicit
static_assert(std::is_constructible_v<bool, chan::Chan<int>>);
static_assert(std::is_nothrow_default_constructible_v<chan::Chan<int>>);
static_assert(std::is_copy_constructible_v<chan::Chan<std::unique_ptr<int>>>);  // the handle, not T
static_assert(std::derived_from<chan::panic_error, std::logic_error>);
static_assert(std::equality_comparable<chan::Unit>);

// ---------------------------------------------------------------- nil

TEST(NilChannel, SendBlocksForever) {
  chan::Chan<int> nil;
  auto probe = start_probe([nil]() mutable { nil.send(1); });
  EXPECT_TRUE(still_blocked(probe));
}

TEST(NilChannel, RecvBlocksForever) {
  chan::Chan<int> nil;
  auto probe = start_probe([nil]() mutable { (void)nil.recv(); });
  EXPECT_TRUE(still_blocked(probe));
}

TEST(NilChannel, RecvOkBlocksForever) {
  chan::Chan<int> nil;
  auto probe = start_probe([nil]() mutable { (void)nil.recv_ok(); });
  EXPECT_TRUE(still_blocked(probe));
}

TEST(NilChannel, ClosePanics) {
  chan::Chan<int> nil;
  EXPECT_GO_PANIC(nil.close(), "close of nil channel");
}

TEST(NilChannel, RangeBlocksForever) {
  chan::Chan<int> nil;
  auto probe = start_probe([nil]() mutable {
    for (int v : nil) (void)v;
  });
  EXPECT_TRUE(still_blocked(probe));
}

TEST(NilChannel, SelectCasesNeverReady) {
  chan::Chan<int> nil;
  bool default_ran = false;
  EXPECT_EQ(chan::select(chan::on_recv(nil, [](int, bool) { ADD_FAILURE(); }),
                         chan::on_send(nil, 1, [] { ADD_FAILURE(); }),
                         chan::on_default([&] { default_ran = true; })),
            2u);
  EXPECT_TRUE(default_ran);
}

TEST(NilChannel, SelectWithOnlyNilCasesBlocksForever) {
  chan::Chan<int> nil;
  auto probe = start_probe([nil] {
    chan::select(chan::on_recv(nil, [](int, bool) {}), chan::on_send(nil, 1, [] {}));
  });
  EXPECT_TRUE(still_blocked(probe));
}

TEST(NilChannel, LenAndCapAreZero) {
  chan::Chan<int> nil;
  EXPECT_EQ(nil.len(), 0u);
  EXPECT_EQ(nil.cap(), 0u);
  EXPECT_FALSE(static_cast<bool>(nil));
}

// ---------------------------------------------------------------- open, unbuffered

TEST(UnbufferedChannel, SendBlocksUntilAReceiverTakesTheValue) {
  auto ch = chan::make<int>();
  auto probe = start_probe([ch]() mutable { ch.send(42); });
  EXPECT_TRUE(still_blocked(probe));  // rendezvous: no receiver, no completion
  EXPECT_EQ(ch.recv(), 42);
  EXPECT_TRUE(finishes(probe));
}

TEST(UnbufferedChannel, SendReturnsOnlyAfterTheReceiverArrives) {
  // The receiver shows up only after kBlockWindow: a send that returned
  // sooner would have completed without a partner.  The clock starts before
  // the receiver is launched, since its window starts when it is launched.
  auto ch = chan::make<int>();
  const auto start = std::chrono::steady_clock::now();
  auto receiver = start_probe([ch]() mutable {
    std::this_thread::sleep_for(kBlockWindow);
    EXPECT_EQ(ch.recv(), 7);
  });
  ch.send(7);
  EXPECT_GE(std::chrono::steady_clock::now() - start, kBlockWindow);
  EXPECT_TRUE(finishes(receiver));
}

TEST(UnbufferedChannel, RecvBlocksUntilASend) {
  auto ch = chan::make<int>();
  std::atomic<int> got{0};
  auto probe = start_probe([ch, &got]() mutable { got = ch.recv(); });
  EXPECT_TRUE(still_blocked(probe));
  ch.send(5);  // completes: a receiver is waiting
  EXPECT_TRUE(finishes(probe));
  EXPECT_EQ(got.load(), 5);
}

TEST(UnbufferedChannel, RecvOkReportsTrueForASentValue) {
  auto ch = chan::make<int>();
  chan::go([ch]() mutable { ch.send(9); });
  auto [v, ok] = ch.recv_ok();
  EXPECT_EQ(v, 9);
  EXPECT_TRUE(ok);
}

TEST(UnbufferedChannel, RecvOkBlocksUntilASend) {
  auto ch = chan::make<int>();
  auto probe = start_probe([ch]() mutable { (void)ch.recv_ok(); });
  EXPECT_TRUE(still_blocked(probe));
  ch.send(1);
  EXPECT_TRUE(finishes(probe));
}

TEST(UnbufferedChannel, CloseSucceeds) {
  auto ch = chan::make<int>();
  EXPECT_NO_THROW(ch.close());
  auto [v, ok] = ch.recv_ok();
  EXPECT_EQ(v, 0);
  EXPECT_FALSE(ok);
}

TEST(UnbufferedChannel, RangeReceivesUntilClosed) {
  auto ch = chan::make<int>();
  chan::go([ch]() mutable {
    for (int i = 1; i <= 5; ++i) ch.send(i);
    ch.close();
  });
  std::vector<int> got;
  for (int v : ch) got.push_back(v);
  EXPECT_EQ(got, (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST(UnbufferedChannel, RangeBlocksWhileOpenAndEmpty) {
  auto ch = chan::make<int>();
  auto probe = start_probe([ch] {
    for (int v : ch) (void)v;
  });
  EXPECT_TRUE(still_blocked(probe));
  ch.send(1);
  EXPECT_TRUE(still_blocked(probe));  // back in the loop, waiting again
  ch.close();
  EXPECT_TRUE(finishes(probe));
}

TEST(UnbufferedChannel, SelectTakesDefaultWithNoPartner) {
  auto ch = chan::make<int>();
  EXPECT_EQ(chan::select(chan::on_recv(ch, [](int, bool) { ADD_FAILURE(); }),
                         chan::on_send(ch, 1, [] { ADD_FAILURE(); }),
                         chan::on_default([] {})),
            2u);
}

TEST(UnbufferedChannel, SelectRecvTakesFromABlockedSender) {
  auto ch = chan::make<int>();
  auto sender = start_probe([ch]() mutable { ch.send(11); });
  int got = -1;
  bool got_ok = false;
  // Poll with a default until the sender is parked; then the recv case is ready.
  EXPECT_TRUE(eventually([&] {
    return chan::select(chan::on_recv(ch, [&](int v, bool ok) { got = v; got_ok = ok; }),
                        chan::on_default([] {})) == 0;
  }));
  EXPECT_EQ(got, 11);
  EXPECT_TRUE(got_ok);
  EXPECT_TRUE(finishes(sender));
}

TEST(UnbufferedChannel, SelectSendHandsToABlockedReceiver) {
  auto ch = chan::make<int>();
  std::atomic<int> got{0};
  auto receiver = start_probe([ch, &got]() mutable { got = ch.recv(); });
  bool sent = false;
  EXPECT_TRUE(eventually([&] {
    return chan::select(chan::on_send(ch, 12, [&] { sent = true; }), chan::on_default([] {})) == 0;
  }));
  EXPECT_TRUE(sent);
  EXPECT_TRUE(finishes(receiver));
  EXPECT_EQ(got.load(), 12);
}

TEST(UnbufferedChannel, LenAndCap) {
  auto ch = chan::make<int>();
  EXPECT_EQ(ch.len(), 0u);
  EXPECT_EQ(ch.cap(), 0u);
  EXPECT_TRUE(static_cast<bool>(ch));
}

// ---------------------------------------------------------------- open, buffered

TEST(BufferedChannel, SendCompletesWithoutReceiverUntilFull) {
  auto ch = chan::make<int>(2);
  ch.send(1);
  ch.send(2);
  EXPECT_EQ(ch.len(), 2u);
  auto probe = start_probe([ch]() mutable { ch.send(3); });
  EXPECT_TRUE(still_blocked(probe));
  EXPECT_EQ(ch.recv(), 1);
  EXPECT_TRUE(finishes(probe));
  EXPECT_EQ(ch.recv(), 2);
  EXPECT_EQ(ch.recv(), 3);
  EXPECT_EQ(ch.len(), 0u);
}

TEST(BufferedChannel, RecvBlocksWhileEmpty) {
  auto ch = chan::make<int>(4);
  std::atomic<int> got{0};
  auto probe = start_probe([ch, &got]() mutable { got = ch.recv(); });
  EXPECT_TRUE(still_blocked(probe));
  ch.send(8);
  EXPECT_TRUE(finishes(probe));
  EXPECT_EQ(got.load(), 8);
}

TEST(BufferedChannel, RecvOkReportsTrueForBufferedValues) {
  auto ch = chan::make<int>(1);
  ch.send(3);
  auto [v, ok] = ch.recv_ok();
  EXPECT_EQ(v, 3);
  EXPECT_TRUE(ok);
  auto probe = start_probe([ch]() mutable { (void)ch.recv_ok(); });
  EXPECT_TRUE(still_blocked(probe));
  ch.send(4);
  EXPECT_TRUE(finishes(probe));
}

TEST(BufferedChannel, FifoOrder) {
  constexpr int n = 100;
  auto ch = chan::make<int>(n);
  for (int i = 0; i < n; ++i) ch.send(i);
  EXPECT_EQ(ch.len(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) ASSERT_EQ(ch.recv(), i);
}

TEST(BufferedChannel, FifoOrderAcrossBlockedSenderAndWrapAround) {
  // A small ring with a producer that keeps it full: order must hold when
  // values pass through blocked senders and the buffer wraps around.
  auto ch = chan::make<int>(3);
  constexpr int n = 1000;
  chan::go([ch]() mutable {
    for (int i = 0; i < n; ++i) ch.send(i);
    ch.close();
  });
  int expected = 0;
  for (int v : ch) ASSERT_EQ(v, expected++);
  EXPECT_EQ(expected, n);
}

TEST(BufferedChannel, CloseSucceedsAndKeepsBufferedValues) {
  auto ch = chan::make<int>(2);
  ch.send(1);
  EXPECT_NO_THROW(ch.close());
  EXPECT_EQ(ch.len(), 1u);
  EXPECT_EQ(ch.recv(), 1);
}

TEST(BufferedChannel, RangeDrainsThenEndsAtClose) {
  auto ch = chan::make<int>(8);
  for (int i = 0; i < 5; ++i) ch.send(i);
  ch.close();
  std::vector<int> got;
  for (int v : ch) got.push_back(v);
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(BufferedChannel, SelectSendReadyUntilFullRecvReadyWhileNonEmpty) {
  auto ch = chan::make<int>(1);
  auto send_or_default = [&] { return chan::select(chan::on_send(ch, 5, [] {}), chan::on_default([] {})); };
  auto recv_or_default = [&](int& got) {
    return chan::select(chan::on_recv(ch, [&](int v, bool) { got = v; }), chan::on_default([] {}));
  };
  int got = -1;
  EXPECT_EQ(recv_or_default(got), 1u);  // empty
  EXPECT_EQ(send_or_default(), 0u);     // room
  EXPECT_EQ(send_or_default(), 1u);     // full
  EXPECT_EQ(recv_or_default(got), 0u);
  EXPECT_EQ(got, 5);
}

TEST(BufferedChannel, LenAndCap) {
  auto ch = chan::make<int>(3);
  EXPECT_EQ(ch.cap(), 3u);
  EXPECT_EQ(ch.len(), 0u);
  ch.send(1);
  ch.send(2);
  EXPECT_EQ(ch.len(), 2u);
  EXPECT_EQ(ch.cap(), 3u);
  (void)ch.recv();
  EXPECT_EQ(ch.len(), 1u);
}

// ---------------------------------------------------------------- closed

TEST(ClosedChannel, SendPanics) {
  auto ch = chan::make<int>(1);
  ch.close();
  EXPECT_GO_PANIC(ch.send(1), "send on closed channel");
  EXPECT_EQ(ch.len(), 0u);  // the value did not go in
}

TEST(ClosedChannel, UnbufferedSendPanics) {
  auto ch = chan::make<int>();
  ch.close();
  EXPECT_GO_PANIC(ch.send(1), "send on closed channel");
}

TEST(ClosedChannel, RecvReturnsBufferedValuesThenZeroForever) {
  auto ch = chan::make<int>(3);
  ch.send(7);
  ch.send(8);
  ch.close();
  EXPECT_EQ(ch.recv(), 7);
  EXPECT_EQ(ch.recv(), 8);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ch.recv(), 0);
}

TEST(ClosedChannel, RecvOfStringIsTheZeroString) {
  auto ch = chan::make<std::string>();
  ch.close();
  EXPECT_EQ(ch.recv(), std::string{});
}

TEST(ClosedChannel, RecvOkReportsFalseOnlyAfterDrain) {
  auto ch = chan::make<int>(2);
  ch.send(4);
  ch.close();
  auto [v1, ok1] = ch.recv_ok();
  EXPECT_EQ(v1, 4);
  EXPECT_TRUE(ok1);
  for (int i = 0; i < 3; ++i) {
    auto [v, ok] = ch.recv_ok();
    EXPECT_EQ(v, 0);
    EXPECT_FALSE(ok);
  }
}

TEST(ClosedChannel, ClosePanics) {
  auto ch = chan::make<int>();
  ch.close();
  EXPECT_GO_PANIC(ch.close(), "close of closed channel");
}

TEST(ClosedChannel, RangeDrainsAndEnds) {
  auto ch = chan::make<int>(2);
  ch.send(1);
  ch.send(2);
  ch.close();
  std::vector<int> got;
  for (int v : ch) got.push_back(v);
  EXPECT_EQ(got, (std::vector<int>{1, 2}));
  for (int v : ch) ADD_FAILURE() << "second range over closed channel got " << v;
}

TEST(ClosedChannel, SelectRecvIsReadyWithZeroFalse) {
  auto ch = chan::make<int>();
  ch.close();
  int got = -1;
  bool got_ok = true;
  EXPECT_EQ(chan::select(chan::on_recv(ch, [&](int v, bool ok) { got = v; got_ok = ok; }),
                         chan::on_default([] { ADD_FAILURE() << "closed channel is ready"; })),
            0u);
  EXPECT_EQ(got, 0);
  EXPECT_FALSE(got_ok);
}

TEST(ClosedChannel, SelectRecvDrainsBufferedValuesFirst) {
  auto ch = chan::make<int>(1);
  ch.send(6);
  ch.close();
  int got = -1;
  bool got_ok = false;
  chan::select(chan::on_recv(ch, [&](int v, bool ok) { got = v; got_ok = ok; }));
  EXPECT_EQ(got, 6);
  EXPECT_TRUE(got_ok);
}

TEST(ClosedChannel, SelectSendPanics) {
  auto ch = chan::make<int>(1);
  ch.close();
  // Go: a select that chooses a send on a closed channel panics, even with a default.
  EXPECT_GO_PANIC(chan::select(chan::on_send(ch, 1, [] { ADD_FAILURE(); }), chan::on_default([] {})), "send on closed channel");
}

TEST(ClosedChannel, LenAndCapKeepBufferedCount) {
  auto ch = chan::make<int>(4);
  ch.send(1);
  ch.close();
  EXPECT_EQ(ch.len(), 1u);
  EXPECT_EQ(ch.cap(), 4u);
}

// ---------------------------------------------------------------- close wakes everybody

TEST(Close, WakesEveryBlockedReceiverWithZeroFalse) {
  auto ch = chan::make<int>();
  constexpr int n = 6;
  struct Result {
    std::atomic<bool> done{false};
    std::atomic<int> value{-1};
    std::atomic<bool> ok{true};
  };
  std::vector<std::shared_ptr<Result>> results;
  for (int i = 0; i < n; ++i) {
    auto r = results.emplace_back(std::make_shared<Result>());
    chan::go([ch, r]() mutable {
      auto [v, ok] = ch.recv_ok();
      r->value = v;
      r->ok = ok;
      r->done = true;
    });
  }
  std::this_thread::sleep_for(kBlockWindow);
  for (auto& r : results) EXPECT_FALSE(r->done.load());
  ch.close();
  for (auto& r : results) {
    EXPECT_TRUE(eventually([&] { return r->done.load(); }));
    EXPECT_EQ(r->value.load(), 0);
    EXPECT_FALSE(r->ok.load());
  }
}

TEST(Close, WakesReceiversBlockedInRangeAndSelect) {
  auto ch = chan::make<int>(2);
  auto ranger = start_probe([ch] {
    for (int v : ch) (void)v;
  });
  std::atomic<bool> select_ok{true};
  auto selector = start_probe([ch, &select_ok] {
    chan::select(chan::on_recv(ch, [&](int, bool ok) { select_ok = ok; }));
  });
  EXPECT_TRUE(still_blocked(ranger));
  EXPECT_FALSE(selector->finished.load());
  ch.close();
  EXPECT_TRUE(finishes(ranger));
  EXPECT_TRUE(finishes(selector));
  EXPECT_FALSE(select_ok.load());
}

TEST(Close, PanicsEveryBlockedSender) {
  auto ch = chan::make<int>();
  constexpr int n = 6;
  std::vector<Probe> senders;
  const unsigned send_line = __LINE__; auto send_op = [ch]() mutable { ch.send(1); };
  for (int i = 0; i < n; ++i) senders.push_back(start_probe(send_op));
  std::this_thread::sleep_for(kBlockWindow);
  for (auto& s : senders) EXPECT_FALSE(s->finished.load());
  ch.close();
  for (auto& s : senders) {
    ASSERT_TRUE(finishes(s));
    EXPECT_TRUE(s->panicked.load());
    EXPECT_EQ(s->message(), "send on closed channel");
    EXPECT_EQ(s->line(), send_line);
  }
  // None of the panicked sends delivered its value.
  auto [v, ok] = ch.recv_ok();
  EXPECT_EQ(v, 0);
  EXPECT_FALSE(ok);
}

TEST(Close, PanicsSendersBlockedOnAFullBuffer) {
  auto ch = chan::make<int>(1);
  ch.send(1);
  auto sender = start_probe([ch]() mutable { ch.send(2); });
  EXPECT_TRUE(still_blocked(sender));
  ch.close();
  ASSERT_TRUE(finishes(sender));
  EXPECT_TRUE(sender->panicked.load());
  EXPECT_EQ(sender->message(), "send on closed channel");
  std::vector<int> got;
  for (int v : ch) got.push_back(v);
  EXPECT_EQ(got, std::vector<int>{1});  // the blocked 2 never went in
}

TEST(Close, PanicsASenderBlockedInSelect) {
  auto ch = chan::make<int>();
  auto sender = start_probe([ch] { chan::select(chan::on_send(ch, 1, [] {})); });
  EXPECT_TRUE(still_blocked(sender));
  ch.close();
  ASSERT_TRUE(finishes(sender));
  EXPECT_TRUE(sender->panicked.load());
  EXPECT_EQ(sender->message(), "send on closed channel");
}

// ---------------------------------------------------------------- handles

TEST(Handle, DefaultConstructedIsNilAndNilsCompareEqual) {
  chan::Chan<int> a, b;
  EXPECT_FALSE(static_cast<bool>(a));
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == chan::make<int>());
}

TEST(Handle, CopiesAliasOneChannel) {
  auto a = chan::make<int>(4);
  chan::Chan<int> b = a;
  chan::Chan<int> c;
  c = b;
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(a == c);
  b.send(1);
  EXPECT_EQ(a.len(), 1u);
  EXPECT_EQ(c.recv(), 1);
  c.close();
  auto [v, ok] = a.recv_ok();
  EXPECT_FALSE(ok);
}

TEST(Handle, DistinctChannelsAreUnequal) {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(a != b);
}

TEST(Handle, MovedFromIsNil) {
  auto a = chan::make<int>(1);
  auto original = a;
  chan::Chan<int> b = std::move(a);
  EXPECT_FALSE(static_cast<bool>(a));  // NOLINT(bugprone-use-after-move): the point of the test
  EXPECT_TRUE(b == original);
  EXPECT_GO_PANIC(a.close(), "close of nil channel");
  chan::Chan<int> c;
  c = std::move(b);
  EXPECT_FALSE(static_cast<bool>(b));  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(c == original);
  auto probe = start_probe([b]() mutable { b.send(1); });  // a moved-from handle blocks like nil
  EXPECT_TRUE(still_blocked(probe));
}

TEST(Handle, ChannelOutlivesTheHandleThatMadeIt) {
  chan::Chan<int> kept;
  {
    auto ch = chan::make<int>(1);
    ch.send(3);
    kept = ch;
  }
  EXPECT_EQ(kept.recv(), 3);
}

TEST(Handle, ChannelOfChannels) {
  auto outer = chan::make<chan::Chan<int>>(1);
  auto inner = chan::make<int>(1);
  outer.send(inner);
  auto got = outer.recv();
  EXPECT_TRUE(got == inner);
  outer.close();
  EXPECT_FALSE(static_cast<bool>(outer.recv()));  // zero value of a channel is nil
}

TEST(Handle, UnitChannel) {
  auto done = chan::make<chan::Unit>();
  chan::go([done]() mutable { done.close(); });
  auto [u, ok] = done.recv_ok();
  EXPECT_FALSE(ok);
  EXPECT_TRUE(u == chan::Unit{});
}

// ---------------------------------------------------------------- move-only elements

TEST(MoveOnly, BufferedSendRecvRange) {
  auto ch = chan::make<std::unique_ptr<int>>(3);
  ch.send(std::make_unique<int>(1));
  ch.send(std::make_unique<int>(2));
  auto p = ch.recv();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 1);
  ch.send(std::make_unique<int>(3));
  ch.close();
  std::vector<int> rest;
  for (std::unique_ptr<int> q : ch) rest.push_back(*q);  // the contract's `for (T v : ch)`
  EXPECT_EQ(rest, (std::vector<int>{2, 3}));
  auto [zero, ok] = ch.recv_ok();
  EXPECT_EQ(zero, nullptr);
  EXPECT_FALSE(ok);
}

TEST(MoveOnly, RangeByValueCompiles) {
  // The contract's `for (T v : ch)` with a move-only T needs the iterator's
  // operator* to yield something T can be constructed from (T&& or T).
  // Checked at run time so the rest of the suite still builds if it cannot.
  using Ptr = std::unique_ptr<int>;
  using Deref = decltype(*std::declval<chan::Chan<Ptr>&>().begin());
  EXPECT_TRUE((std::is_constructible_v<Ptr, Deref>)) << "for (std::unique_ptr<int> v : ch) does not compile";
  using RecvDeref = decltype(*std::declval<chan::RecvChan<Ptr>&>().begin());
  EXPECT_TRUE((std::is_constructible_v<Ptr, RecvDeref>));
}

TEST(MoveOnly, UnbufferedHandOff) {
  auto ch = chan::make<std::unique_ptr<int>>();
  chan::go([ch]() mutable { ch.send(std::make_unique<int>(77)); });
  auto p = ch.recv();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 77);
}

TEST(MoveOnly, SelectRecv) {
  auto ch = chan::make<std::unique_ptr<int>>(1);
  ch.send(std::make_unique<int>(5));
  int got = 0;
  chan::select(chan::on_recv(ch, [&](std::unique_ptr<int> p, bool ok) {
    ASSERT_TRUE(ok);
    got = *p;
  }));
  EXPECT_EQ(got, 5);
}

// ---------------------------------------------------------------- direction views

void produce(chan::SendChan<int> out, int n) {
  for (int i = 0; i < n; ++i) out.send(i);
  out.close();
}

int sum_all(chan::RecvChan<int> in) {
  int sum = 0;
  for (int v : in) sum += v;
  return sum;
}

TEST(DirectionViews, ConvertFromChanAndAlias) {
  auto ch = chan::make<int>(2);
  chan::SendChan<int> out = ch;
  chan::RecvChan<int> in = ch;
  out.send(4);
  EXPECT_EQ(in.len(), 1u);
  EXPECT_EQ(out.cap(), 2u);
  EXPECT_EQ(in.recv(), 4);
  EXPECT_TRUE(out == chan::SendChan<int>(ch));
  EXPECT_TRUE(in == chan::RecvChan<int>(ch));
  EXPECT_TRUE(static_cast<bool>(out));
  EXPECT_FALSE(static_cast<bool>(chan::RecvChan<int>{}));
  out.close();
  auto [v, ok] = in.recv_ok();
  EXPECT_FALSE(ok);
}

TEST(DirectionViews, GoConvertsChanArgumentsToViews) {
  auto ch = chan::make<int>();
  chan::go(produce, ch, 5);
  EXPECT_EQ(sum_all(ch), 0 + 1 + 2 + 3 + 4);
}

TEST(DirectionViews, ClosePanicsThroughSendView) {
  chan::SendChan<int> nil;
  EXPECT_GO_PANIC(nil.close(), "close of nil channel");
  auto ch = chan::make<int>();
  chan::SendChan<int> out = ch;
  out.close();
  EXPECT_GO_PANIC(out.close(), "close of closed channel");
  EXPECT_GO_PANIC(out.send(1), "send on closed channel");
}

TEST(DirectionViews, SelectAcceptsViews) {
  auto ch = chan::make<int>(1);
  chan::SendChan<int> out = ch;
  chan::RecvChan<int> in = ch;
  EXPECT_EQ(chan::select(chan::on_send(out, 3, [] {}), chan::on_default([] {})), 0u);
  int got = 0;
  EXPECT_EQ(chan::select(chan::on_recv(in, [&](int v, bool) { got = v; }), chan::on_default([] {})), 0u);
  EXPECT_EQ(got, 3);
}

// ---------------------------------------------------------------- panic_error

TEST(PanicError, IsALogicErrorCarryingTheLocation) {
  chan::Chan<int> nil;
  const auto here = std::source_location::current(); try { nil.close(); FAIL(); } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "close of nil channel");
    const auto* panic = dynamic_cast<const chan::panic_error*>(&e);
    ASSERT_NE(panic, nullptr);
    EXPECT_EQ(panic->where().line(), here.line());
  }
}

}  // namespace
