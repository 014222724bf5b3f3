// The global deadlock detector (Go's checkdead) and uncaught panics.
// Death tests run each scenario in a fresh child process (the "threadsafe"
// style re-executes this binary) and assert the report's header and the
// file:line of every blocked operation; the handler tests observe the same
// report in-process through set_deadlock_handler.
#include "test_util.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

using namespace chan_test;

namespace {

constexpr const char* kHeader = "fatal error: all goroutines are asleep - deadlock!";
constexpr const char* kFile = "deadlock_test.cpp";

bool exited_non_zero(int status) { return WIFEXITED(status) && WEXITSTATUS(status) != 0; }

std::string at(unsigned line) { return std::string(kFile) + ":" + std::to_string(line) + "[^0-9]"; }

// A POSIX extended regex matching the header followed by every part, the
// parts in any order (the report's goroutine order is not the test's
// business).  Without REG_NEWLINE, '.' also matches newlines.
std::string header_then_any_order(std::vector<std::string> parts) {
  std::sort(parts.begin(), parts.end());
  std::vector<std::string> alternatives;
  do {
    std::string seq;
    for (const auto& p : parts) seq += ".*" + p;
    alternatives.push_back(seq);
  } while (std::next_permutation(parts.begin(), parts.end()));
  std::string re = std::string(kHeader) + "(";
  for (std::size_t i = 0; i < alternatives.size(); ++i) re += (i ? "|" : "") + alternatives[i];
  return re + ")";
}

// Waits until `n` goroutines other than the caller are blocked, so the caller
// is the last to block and therefore the one that detects the deadlock.
void wait_until_others_blocked(std::size_t n) {
  const auto self = chan::goroutine_id();
  ASSERT_TRUE(eventually([&] {
    auto blocked = chan::blocked_goroutines();
    return static_cast<std::size_t>(std::count_if(blocked.begin(), blocked.end(),
                                                  [&](const auto& g) { return g.id != self; })) >= n;
  }));
}

// ---------------------------------------------------------------- death tests

TEST(DeadlockDeathTest, MainReceivesFromAChannelNobodySendsOn) {
  const unsigned line = __LINE__; auto body = [] { auto ch = chan::make<int>(); (void)ch.recv(); };
  EXPECT_EXIT(body(), exited_non_zero, header_then_any_order({at(line)}));
}

TEST(DeadlockDeathTest, TwoGoroutinesAndMainAllBlocked) {
  const unsigned recv_line = __LINE__; auto receiver = [](chan::Chan<int> c) { (void)c.recv(); };
  const unsigned send_line = __LINE__; auto sender = [](chan::Chan<std::string> c) { c.send("never taken"); };
  const unsigned main_line = __LINE__; auto main_wait = [](chan::Chan<int> c) { (void)c.recv(); };
  EXPECT_EXIT(
      {
        auto a = chan::make<int>();
        auto b = chan::make<std::string>();
        chan::go(receiver, a);
        chan::go(sender, b);
        main_wait(chan::make<int>(1));
      },
      exited_non_zero, header_then_any_order({at(recv_line), at(send_line), at(main_line)}));
}

TEST(DeadlockDeathTest, WaitGroupNeverDone) {
  const unsigned line = __LINE__; auto body = [] { chan::WaitGroup wg; wg.add(1); wg.wait(); };
  EXPECT_EXIT(body(), exited_non_zero, header_then_any_order({at(line)}));
}

TEST(DeadlockDeathTest, MutexLockedTwice) {
  const unsigned line = __LINE__; auto body = [] { chan::Mutex mu; mu.lock(); mu.lock(); };
  EXPECT_EXIT(body(), exited_non_zero, header_then_any_order({at(line)}));
}

TEST(DeadlockDeathTest, RWMutexReadLockWhileWriteLocked) {
  const unsigned line = __LINE__; auto body = [] { chan::RWMutex rw; rw.lock(); rw.lock_shared(); };
  EXPECT_EXIT(body(), exited_non_zero, header_then_any_order({at(line)}));
}

TEST(DeadlockDeathTest, SelectWithNoReadyCase) {
  const unsigned line = __LINE__; auto body = [] { auto a = chan::make<int>(); chan::Chan<int> nil; chan::select(chan::on_recv(a, [](int, bool) {}), chan::on_send(nil, 1, [] {})); };
  EXPECT_EXIT(body(), exited_non_zero, header_then_any_order({at(line)}));
}

TEST(DeadlockDeathTest, EmptySelectBlocksForever) {
  const unsigned line = __LINE__; auto body = [] { chan::select(); };
  EXPECT_EXIT(body(), exited_non_zero, header_then_any_order({at(line)}));
}

TEST(DeadlockDeathTest, SendOnNilChannel) {
  const unsigned line = __LINE__; auto body = [] { chan::Chan<int> nil; nil.send(1); };
  EXPECT_EXIT(body(), exited_non_zero, header_then_any_order({at(line)}));
}

TEST(DeadlockDeathTest, FinishedGoroutinesDoNotCount) {
  // The worker sends its one value and ends; main then waits for a second.
  const unsigned line = __LINE__; auto second_recv = [](chan::Chan<int> c) { (void)c.recv(); };
  EXPECT_EXIT(
      {
        auto ch = chan::make<int>();
        chan::go([](chan::SendChan<int> out) { out.send(1); }, ch);
        (void)ch.recv();
        second_recv(ch);
      },
      exited_non_zero, header_then_any_order({at(line)}));
}

TEST(DeadlockDeathTest, ReportNamesTheOperations) {
  // Go's wait reasons, as documented in <chan/checks.hpp>.
  EXPECT_EXIT(
      {
        auto a = chan::make<int>();
        chan::go([](chan::Chan<int> c) { c.send(1); }, chan::make<int>());
        (void)a.recv();
      },
      exited_non_zero, header_then_any_order({"chan send", "chan receive"}));
}

// ---------------------------------------------------------------- no false report

TEST(DeadlockDeathTest, NoReportWhileATimerIsPending) {
  EXPECT_EXIT(
      {
        (void)chan::after(100ms).recv();
        std::exit(0);
      },
      testing::ExitedWithCode(0), "");
}

TEST(DeadlockDeathTest, NoReportWhileAContextDeadlineIsPending) {
  EXPECT_EXIT(
      {
        auto timed = chan::with_timeout(chan::background(), 100ms);
        (void)timed.first.done().recv();
        timed.second();
        std::exit(timed.first.err() == chan::ContextError::deadline_exceeded ? 0 : 1);
      },
      testing::ExitedWithCode(0), "");
}

TEST(DeadlockDeathTest, NoReportWhileAGoroutineSleepsBeforeSending) {
  EXPECT_EXIT(
      {
        auto ch = chan::make<int>();
        chan::go([ch]() mutable {
          std::this_thread::sleep_for(100ms);
          ch.send(1);
        });
        std::exit(ch.recv() == 1 ? 0 : 1);
      },
      testing::ExitedWithCode(0), "");
}

TEST(DeadlockDeathTest, NoReportWhileAGoroutineComputes) {
  EXPECT_EXIT(
      {
        auto ch = chan::make<long>();
        chan::go([ch]() mutable {
          const auto until = std::chrono::steady_clock::now() + 150ms;
          long spins = 0;
          while (std::chrono::steady_clock::now() < until) ++spins;
          ch.send(spins);
        });
        std::exit(ch.recv() > 0 ? 0 : 1);
      },
      testing::ExitedWithCode(0), "");
}

TEST(DeadlockDeathTest, NoReportWhenTheLastGoroutineBlocksWithATimerStillPending) {
  // Main and the worker are both blocked, but the worker's timer will wake
  // it: not a deadlock.
  EXPECT_EXIT(
      {
        auto ch = chan::make<int>();
        chan::go([ch]() mutable {
          chan::select(chan::on_recv(chan::after(100ms), [](auto, bool) {}));
          ch.send(1);
        });
        std::exit(ch.recv() == 1 ? 0 : 1);
      },
      testing::ExitedWithCode(0), "");
}

// ---------------------------------------------------------------- uncaught panics

TEST(PanicDeathTest, UncaughtPanicInAGoroutineExitsWithStatus2) {
  const unsigned line = __LINE__; auto body = [](chan::Chan<int> c) { c.send(1); };
  EXPECT_EXIT(
      {
        auto ch = chan::make<int>();
        ch.close();
        chan::go(body, ch);
        std::this_thread::sleep_for(10s);  // the panic ends the process long before
        std::exit(0);
      },
      testing::ExitedWithCode(2), "panic: send on closed channel.*" + at(line));
}

// A panic uncaught in main: run in the helper program, because a death
// test's statement runs inside gtest, which catches exceptions itself.
TEST(UncaughtPanic, InMainExitsWithStatus2AndNamesTheLine) {
  auto r = run_helper("panic-main", false);
  unsigned line = 0;
  ASSERT_EQ(std::sscanf(r.output.c_str(), "line %u", &line), 1) << r.output;
  EXPECT_EQ(r.exit_status, 2) << r.output;
  EXPECT_NE(r.output.find("panic: close of nil channel"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("test_helper.cpp:" + std::to_string(line)), std::string::npos) << r.output;
}

TEST(UncaughtPanic, NegativeWaitGroupCounterInMain) {
  auto r = run_helper("panic-wg", false);
  unsigned line = 0;
  ASSERT_EQ(std::sscanf(r.output.c_str(), "line %u", &line), 1) << r.output;
  EXPECT_EQ(r.exit_status, 2) << r.output;
  EXPECT_NE(r.output.find("panic: sync: negative WaitGroup counter"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("test_helper.cpp:" + std::to_string(line)), std::string::npos) << r.output;
}

// ---------------------------------------------------------------- handler hook

// Installs a handler that records the report; restores the default after.
class DeadlockHandlerTest : public testing::Test {
 protected:
  void SetUp() override {
    for (const auto& g : chan::blocked_goroutines()) preexisting_.insert(g.id);
    chan::set_deadlock_handler([this](const std::vector<chan::BlockedGoroutine>& report) {
      std::lock_guard lock(mu_);
      ++calls_;
      for (const auto& g : report)
        if (!preexisting_.contains(g.id)) report_.push_back(g);
    });
  }
  void TearDown() override { chan::set_deadlock_handler({}); }

  std::vector<chan::BlockedGoroutine> report() {
    std::lock_guard lock(mu_);
    auto r = report_;
    std::sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.where.line() < b.where.line(); });
    return r;
  }
  int calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }
  std::size_t preexisting() const { return preexisting_.size(); }

 private:
  std::set<std::uint64_t> preexisting_;  // blocked goroutines left over by earlier tests in this process
  std::mutex mu_;
  int calls_ = 0;
  std::vector<chan::BlockedGoroutine> report_;
};

TEST_F(DeadlockHandlerTest, MainAloneBlockedOnRecv) {
  auto ch = chan::make<int>();
  unsigned line = 0;
  try {
    line = __LINE__; (void)ch.recv();
    FAIL() << "recv returned";
  } catch (const chan::deadlock_error& e) {
    EXPECT_EQ(e.where().line(), line);
  }
  EXPECT_EQ(calls(), 1);
  auto r = report();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].operation, "chan receive");
  EXPECT_EQ(r[0].id, chan::goroutine_id());
  EXPECT_EQ(r[0].where.line(), line);
  EXPECT_TRUE(std::string(r[0].where.file_name()).ends_with(kFile));
  EXPECT_FALSE(r[0].object.empty());
}

TEST_F(DeadlockHandlerTest, EveryBlockedGoroutineIsReportedWithItsOperation) {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  auto mu = std::make_shared<chan::Mutex>();  // outlives the test: the locker may still be inside lock()
  mu->lock();
  const unsigned send_line = __LINE__; chan::go([b]() mutable { b.send(1); });
  const unsigned lock_line = __LINE__; chan::go([mu] { mu->lock(); });
  const unsigned select_line = __LINE__; chan::go([a, b] { chan::select(chan::on_recv(a, [](int, bool) {}), chan::on_recv(a, [](int, bool) {})); });
  wait_until_others_blocked(preexisting() + 3);
  chan::WaitGroup wg;
  wg.add(1);
  unsigned wait_line = 0;
  try {
    wait_line = __LINE__; wg.wait();
    FAIL() << "wait returned";
  } catch (const chan::deadlock_error&) {
  }
  auto r = report();
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].where.line(), send_line);
  EXPECT_EQ(r[0].operation, "chan send");
  EXPECT_EQ(r[1].where.line(), lock_line);
  EXPECT_EQ(r[1].operation, "sync.Mutex.Lock");
  EXPECT_EQ(r[2].where.line(), select_line);
  EXPECT_EQ(r[2].operation, "select");
  EXPECT_EQ(r[3].where.line(), wait_line);
  EXPECT_NE(r[3].operation.find("WaitGroup"), std::string::npos) << r[3].operation;
  std::set<std::uint64_t> ids;
  for (const auto& g : r) ids.insert(g.id);
  EXPECT_EQ(ids.size(), 4u);
  mu->unlock();  // let the locker go; the rest stay blocked in this process
}

TEST_F(DeadlockHandlerTest, NilChannelIsNamedAsSuch) {
  chan::Chan<int> nil;
  EXPECT_THROW((void)nil.recv(), chan::deadlock_error);
  auto r = report();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].object.find("nil"), std::string::npos) << r[0].object;
}

}  // namespace
