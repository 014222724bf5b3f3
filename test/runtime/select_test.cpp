// chan::select against Go's rules (src/runtime/select.go): a uniformly
// random choice among ready cases, nil-channel cases never ready, default
// only when nothing is ready, blocking until a case becomes ready, and the
// returned index naming the case taken.
#include "test_util.hpp"

#include <array>

using namespace chan_test;

namespace {

constexpr int kTrials = 10000;
// With p = 0.5 and 10000 trials the standard deviation is 50: 4000..6000 is
// +-20 sigma, so a fair select cannot fail this and a biased one (e.g.
// always the first ready case) cannot pass.
constexpr int kLow = 4000, kHigh = 6000;

TEST(SelectFairness, TwoAlwaysReadyRecvCases) {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  a.close();
  b.close();
  std::array<int, 2> taken{};
  for (int i = 0; i < kTrials; ++i) {
    std::size_t idx = chan::select(chan::on_recv(a, [](int, bool) {}), chan::on_recv(b, [](int, bool) {}));
    ASSERT_LT(idx, 2u);
    ++taken[idx];
  }
  EXPECT_GE(taken[0], kLow);
  EXPECT_LE(taken[0], kHigh);
  EXPECT_GE(taken[1], kLow);
  EXPECT_LE(taken[1], kHigh);
}

TEST(SelectFairness, TwoReadyBufferedChannels) {
  // Both channels always hold a value; the taken one is refilled.
  auto a = chan::make<int>(1);
  auto b = chan::make<int>(1);
  a.send(0);
  b.send(1);
  std::array<int, 2> taken{};
  for (int i = 0; i < kTrials; ++i) {
    int got = -1;
    std::size_t idx = chan::select(chan::on_recv(a, [&](int v, bool) { got = v; }),
                                   chan::on_recv(b, [&](int v, bool) { got = v; }));
    ASSERT_EQ(static_cast<int>(idx), got);  // the index names the case whose handler ran
    ++taken[idx];
    (idx == 0 ? a : b).send(got);
  }
  EXPECT_GE(taken[0], kLow);
  EXPECT_LE(taken[0], kHigh);
}

TEST(SelectFairness, SendAndRecvCasesBothReady) {
  auto in = chan::make<int>(1);
  auto out = chan::make<int>(1);
  in.send(1);
  std::array<int, 2> taken{};
  for (int i = 0; i < kTrials; ++i) {
    std::size_t idx = chan::select(chan::on_recv(in, [](int, bool) {}), chan::on_send(out, 2, [] {}));
    ++taken[idx];
    if (idx == 0) in.send(1);
    else (void)out.recv();
  }
  EXPECT_GE(taken[0], kLow);
  EXPECT_LE(taken[0], kHigh);
}

TEST(SelectFairness, ThreeReadyCasesEachAboutAThird) {
  std::array<chan::Chan<int>, 3> chans{chan::make<int>(), chan::make<int>(), chan::make<int>()};
  for (auto& c : chans) c.close();
  std::array<int, 3> taken{};
  for (int i = 0; i < 9000; ++i)
    ++taken[chan::select(chan::on_recv(chans[0], [](int, bool) {}), chan::on_recv(chans[1], [](int, bool) {}),
                         chan::on_recv(chans[2], [](int, bool) {}))];
  for (int t : taken) {  // expected 3000, sd ~45
    EXPECT_GE(t, 2400);
    EXPECT_LE(t, 3600);
  }
}

TEST(Select, NilCasesAreNeverChosen) {
  chan::Chan<int> nil;
  auto ready = chan::make<int>();
  ready.close();
  for (int i = 0; i < 1000; ++i) {
    std::size_t idx = chan::select(chan::on_recv(nil, [](int, bool) { ADD_FAILURE() << "nil recv case ran"; }),
                                   chan::on_send(nil, 1, [] { ADD_FAILURE() << "nil send case ran"; }),
                                   chan::on_recv(ready, [](int, bool) {}));
    ASSERT_EQ(idx, 2u);
  }
}

TEST(Select, NilCaseDisablesAChannelInALoop) {
  // The Go idiom: set a drained channel's variable to nil so select ignores it.
  auto a = chan::make<int>(3);
  auto b = chan::make<int>(3);
  for (int i = 0; i < 3; ++i) {
    a.send(i);
    b.send(10 + i);
  }
  a.close();
  b.close();
  chan::Chan<int> ra = a, rb = b;
  int sum = 0;
  while (ra || rb) {
    chan::select(chan::on_recv(ra, [&](int v, bool ok) { if (ok) sum += v; else ra = {}; }),
                 chan::on_recv(rb, [&](int v, bool ok) { if (ok) sum += v; else rb = {}; }));
  }
  EXPECT_EQ(sum, 0 + 1 + 2 + 10 + 11 + 12);
}

TEST(Select, DefaultOnlyWhenNothingIsReady) {
  auto empty = chan::make<int>(1);
  auto full = chan::make<int>(1);
  full.send(1);
  // Nothing ready: recv on empty, send on full.
  EXPECT_EQ(chan::select(chan::on_recv(empty, [](int, bool) {}), chan::on_send(full, 2, [] {}), chan::on_default([] {})), 2u);
  // Something ready: default must never win, whatever the random order.
  auto ready = chan::make<int>();
  ready.close();
  for (int i = 0; i < 1000; ++i)
    ASSERT_EQ(chan::select(chan::on_default([] { ADD_FAILURE() << "default ran with a ready case"; }),
                           chan::on_recv(ready, [](int, bool) {})),
              1u);
}

TEST(Select, DefaultAloneRuns) {
  bool ran = false;
  EXPECT_EQ(chan::select(chan::on_default([&] { ran = true; })), 0u);
  EXPECT_TRUE(ran);
}

TEST(Select, ReturnsTheIndexOfTheCaseTaken) {
  auto a = chan::make<int>(1), b = chan::make<int>(1), c = chan::make<int>(1);
  c.send(3);
  int ran = -1;
  EXPECT_EQ(chan::select(chan::on_recv(a, [&](int, bool) { ran = 0; }), chan::on_recv(b, [&](int, bool) { ran = 1; }),
                         chan::on_recv(c, [&](int, bool) { ran = 2; }), chan::on_default([&] { ran = 3; })),
            2u);
  EXPECT_EQ(ran, 2);
  EXPECT_EQ(chan::select(chan::on_recv(a, [&](int, bool) { ran = 0; }), chan::on_send(b, 1, [&] { ran = 1; })), 1u);
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(b.recv(), 1);  // the send case delivered its value
}

TEST(Select, BlockingSelectIsWokenByASend) {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  std::atomic<int> got{-1};
  std::atomic<std::size_t> idx{99};
  auto probe = start_probe([a, b, &got, &idx] {
    idx = chan::select(chan::on_recv(a, [&](int v, bool) { got = v; }), chan::on_recv(b, [&](int v, bool) { got = v; }));
  });
  EXPECT_TRUE(still_blocked(probe));
  b.send(21);  // unbuffered: completes only because the select takes it
  ASSERT_TRUE(finishes(probe));
  EXPECT_EQ(idx.load(), 1u);
  EXPECT_EQ(got.load(), 21);
}

TEST(Select, BlockingSelectIsWokenByAClose) {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  std::atomic<bool> ok{true};
  std::atomic<std::size_t> idx{99};
  auto probe = start_probe([a, b, &ok, &idx] {
    idx = chan::select(chan::on_recv(a, [&](int, bool k) { ok = k; }), chan::on_recv(b, [&](int, bool k) { ok = k; }));
  });
  EXPECT_TRUE(still_blocked(probe));
  a.close();
  ASSERT_TRUE(finishes(probe));
  EXPECT_EQ(idx.load(), 0u);
  EXPECT_FALSE(ok.load());
}

TEST(Select, BlockingSendCaseIsWokenByAReceiver) {
  auto out = chan::make<int>();
  std::atomic<bool> handler_ran{false};
  auto probe = start_probe([out, &handler_ran] { chan::select(chan::on_send(out, 31, [&] { handler_ran = true; })); });
  EXPECT_TRUE(still_blocked(probe));
  EXPECT_EQ(out.recv(), 31);
  ASSERT_TRUE(finishes(probe));
  EXPECT_TRUE(handler_ran.load());
}

TEST(Select, BlockedSelectTakesExactlyOneCase) {
  // Two channels both get a sender while one select waits: exactly one value
  // is taken by the select, the other stays with its sender.
  auto a = chan::make<int>(), b = chan::make<int>();
  std::atomic<int> handlers{0};
  auto selector = start_probe([a, b, &handlers] {
    chan::select(chan::on_recv(a, [&](int, bool) { ++handlers; }), chan::on_recv(b, [&](int, bool) { ++handlers; }));
  });
  EXPECT_TRUE(still_blocked(selector));
  auto sa = start_probe([a]() mutable { a.send(1); });
  auto sb = start_probe([b]() mutable { b.send(2); });
  ASSERT_TRUE(finishes(selector));
  EXPECT_EQ(handlers.load(), 1);
  EXPECT_TRUE(eventually([&] { return sa->finished.load() || sb->finished.load(); }));
  std::this_thread::sleep_for(kBlockWindow);
  EXPECT_NE(sa->finished.load(), sb->finished.load());  // one sender still waits
  if (!sa->finished) EXPECT_EQ(a.recv(), 1);
  if (!sb->finished) EXPECT_EQ(b.recv(), 2);
  EXPECT_TRUE(finishes(sa));
  EXPECT_TRUE(finishes(sb));
}

TEST(Select, SameChannelInTwoCases) {
  auto ch = chan::make<int>(1);
  ch.send(5);
  int sum = 0;
  chan::select(chan::on_recv(ch, [&](int v, bool) { sum += v; }), chan::on_recv(ch, [&](int v, bool) { sum += v; }));
  EXPECT_EQ(sum, 5);
  EXPECT_EQ(ch.len(), 0u);
}

TEST(Select, SelectsOnBothEndsOfOneUnbufferedChannelDoNotPairWithThemselves) {
  // Go: a select never communicates with itself.  Two goroutines each
  // offering send-or-recv on the same channel must pair with each other.
  auto ch = chan::make<int>();
  std::atomic<int> sends{0}, recvs{0};
  auto body = [ch, &sends, &recvs] {
    chan::select(chan::on_send(ch, 1, [&] { ++sends; }), chan::on_recv(ch, [&](int, bool) { ++recvs; }));
  };
  auto p1 = start_probe(body);
  auto p2 = start_probe(body);
  ASSERT_TRUE(finishes(p1));
  ASSERT_TRUE(finishes(p2));
  EXPECT_EQ(sends.load(), 1);
  EXPECT_EQ(recvs.load(), 1);
}

TEST(Select, ManySelectsLoopOverReadyAndBlockingCases) {
  // A ping-pong driven by select on both sides, to shake out lost wakeups.
  auto ping = chan::make<int>(), pong = chan::make<int>();
  constexpr int rounds = 2000;
  chan::go([ping, pong]() mutable {
    for (int i = 0; i < rounds; ++i) {
      int v = 0;
      chan::select(chan::on_recv(ping, [&](int x, bool) { v = x; }));
      chan::select(chan::on_send(pong, v + 1, [] {}));
    }
  });
  int v = 0;
  for (int i = 0; i < rounds; ++i) {
    ping.send(v);
    v = pong.recv();
  }
  EXPECT_EQ(v, rounds);
}

}  // namespace
