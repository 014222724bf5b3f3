// chan::Cond with Go's sync.Cond semantics: wait() unlocks L, parks until a
// signal() or broadcast(), and locks L again; signal() wakes the longest
// waiter, broadcast() all of them, and neither is remembered when nobody
// waits.  L may be a Mutex, an RWMutex's write side, or its read side
// through RLocker.  Waiters take part in deadlock detection and leak
// reports as `sync.Cond.Wait`.
//
// Blocking is observed through the runtime's own records (a goroutine listed
// by blocked_goroutines() is parked, not merely slow), never by timing.
#include "test_util.hpp"

#include <cstdio>
#include <deque>
#include <mutex>
#include <shared_mutex>

using namespace chan_test;

namespace {

std::string address_of(const void* p) {
  char b[32];
  std::snprintf(b, sizeof b, "%p", p);
  return b;
}

// Goroutines parked right now with `operation` on the object at `object`.
std::size_t parked(const void* object, const std::string& operation = "sync.Cond.Wait") {
  const std::string needle = " " + address_of(object);
  std::size_t n = 0;
  for (const auto& g : chan::blocked_goroutines())
    if (g.operation == operation && g.object.ends_with(needle)) ++n;
  return n;
}

// Waits until exactly n goroutines are parked in `c`'s wait.
bool eventually_parked(const chan::Cond& c, std::size_t n) {
  return eventually([&] { return parked(&c) == n; });
}

// ---------------------------------------------------------------- wait / signal / broadcast

TEST(Cond, WaitParksUntilSignalled) {
  chan::Mutex mu;
  chan::Cond c(mu);
  const unsigned line = __LINE__ + 3;
  auto waiter = start_probe([&] {
    mu.lock();
    c.wait();
    mu.unlock();
  });
  ASSERT_TRUE(eventually_parked(c, 1));
  const auto blocked = chan::blocked_goroutines();
  const auto entry = std::find_if(blocked.begin(), blocked.end(),
                                  [](const auto& g) { return g.operation == "sync.Cond.Wait"; });
  ASSERT_NE(entry, blocked.end());
  EXPECT_EQ(entry->where.line(), line);
  EXPECT_TRUE(entry->object.starts_with("sync.Cond ")) << entry->object;
  EXPECT_FALSE(waiter->finished.load());
  c.signal();
  EXPECT_TRUE(finishes(waiter));
}

TEST(Cond, SignalWakesExactlyOneWaiterAndBroadcastTheRest) {
  chan::Mutex mu;
  chan::Cond c(mu);
  int woken = 0;  // guarded by mu
  std::vector<Probe> waiters;
  for (int i = 0; i < 3; ++i)
    waiters.push_back(start_probe([&] {
      std::lock_guard lock(mu);
      c.wait();
      ++woken;
    }));
  ASSERT_TRUE(eventually_parked(c, 3));
  c.signal();
  // The waker takes the woken goroutine off the queue before signal()
  // returns: exactly two are still parked, at once.
  EXPECT_EQ(parked(&c), 2u);
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(mu);
    return woken == 1;
  }));
  EXPECT_EQ(parked(&c), 2u);
  c.broadcast();
  EXPECT_EQ(parked(&c), 0u);
  for (auto& w : waiters) EXPECT_TRUE(finishes(w));
  std::lock_guard lock(mu);
  EXPECT_EQ(woken, 3);
}

TEST(Cond, SignalWakesTheLongestWaitingFirst) {
  chan::Mutex mu;
  chan::Cond c(mu);
  std::vector<int> order;  // guarded by mu
  std::vector<Probe> waiters;
  for (int i = 0; i < 4; ++i) {
    waiters.push_back(start_probe([&, i] {
      std::lock_guard lock(mu);
      c.wait();
      order.push_back(i);
    }));
    // The next waiter starts only once this one is parked: tickets in order.
    ASSERT_TRUE(eventually_parked(c, static_cast<std::size_t>(i + 1)));
  }
  for (int i = 0; i < 4; ++i) {
    c.signal();
    ASSERT_TRUE(finishes(waiters[i])) << "waiter " << i;
  }
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}

TEST(Cond, SignalAndBroadcastWithoutWaitersAreNotRemembered) {
  chan::Mutex mu;
  chan::Cond c(mu);
  c.signal();
  c.broadcast();
  auto waiter = start_probe([&] {
    std::lock_guard lock(mu);
    c.wait();
  });
  ASSERT_TRUE(eventually_parked(c, 1));  // neither earlier call lets it through
  EXPECT_FALSE(waiter->finished.load());
  c.signal();
  EXPECT_TRUE(finishes(waiter));
}

TEST(Cond, WaitReleasesTheLockWhileParked) {
  chan::Mutex mu;
  chan::Cond c(mu);
  auto waiter = start_probe([&] {
    std::lock_guard lock(mu);
    c.wait();
  });
  ASSERT_TRUE(eventually_parked(c, 1));
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
  c.signal();
  EXPECT_TRUE(finishes(waiter));
}

TEST(Cond, WaitRelocksBeforeReturning) {
  chan::Mutex mu;
  chan::Cond c(mu);
  std::atomic<bool> held_after_wait{false};
  const unsigned line = __LINE__ + 3;
  auto waiter = start_probe([&] {
    mu.lock();
    c.wait();
    held_after_wait = !mu.try_lock();
    mu.unlock();
  });
  ASSERT_TRUE(eventually_parked(c, 1));
  mu.lock();
  c.signal();
  // Woken, but main holds L: the waiter now waits for L, at its wait() line.
  ASSERT_TRUE(eventually([&] { return parked(&mu, "sync.Mutex.Lock") == 1; }));
  for (const auto& g : chan::blocked_goroutines())
    if (g.operation == "sync.Mutex.Lock") EXPECT_EQ(g.where.line(), line);
  EXPECT_FALSE(waiter->finished.load());
  mu.unlock();
  ASSERT_TRUE(finishes(waiter));
  EXPECT_TRUE(held_after_wait.load());
}

TEST(Cond, WorksWithUniqueLockAndAPredicateLoop) {
  chan::Mutex mu;
  chan::Cond c(mu);
  bool ready = false;  // guarded by mu
  auto waiter = start_probe([&] {
    std::unique_lock lock(mu);
    while (!ready) c.wait();
  });
  ASSERT_TRUE(eventually_parked(c, 1));
  c.signal();  // woken with the predicate still false: waits again
  ASSERT_TRUE(eventually_parked(c, 1));
  EXPECT_FALSE(waiter->finished.load());
  {
    std::lock_guard lock(mu);
    ready = true;
  }
  c.signal();
  EXPECT_TRUE(finishes(waiter));
}

// ---------------------------------------------------------------- RWMutex and RLocker

TEST(Cond, OnTheWriteSideOfAnRWMutex) {
  chan::RWMutex rw;
  chan::Cond c(rw);
  std::atomic<bool> write_held_after_wait{false};
  auto waiter = start_probe([&] {
    rw.lock();
    c.wait();
    write_held_after_wait = !rw.try_lock_shared();
    rw.unlock();
  });
  ASSERT_TRUE(eventually_parked(c, 1));
  EXPECT_TRUE(rw.try_lock());  // released while parked
  rw.unlock();
  c.signal();
  ASSERT_TRUE(finishes(waiter));
  EXPECT_TRUE(write_held_after_wait.load());
}

TEST(Cond, OnTheReadSideThroughRLocker) {
  chan::RWMutex rw;
  chan::Cond c(rw.rlocker());
  std::atomic<int> inside{0};
  std::atomic<bool> release{false};
  std::vector<Probe> readers;
  for (int i = 0; i < 2; ++i)
    readers.push_back(start_probe([&] {
      rw.lock_shared();
      c.wait();
      ++inside;  // holding the read lock again, together with the other reader
      eventually([&] { return release.load(); });
      rw.unlock_shared();
    }));
  ASSERT_TRUE(eventually_parked(c, 2));
  EXPECT_TRUE(rw.try_lock());  // both readers released their read locks
  rw.unlock();
  c.broadcast();
  ASSERT_TRUE(eventually([&] { return inside.load() == 2; }));
  EXPECT_FALSE(rw.try_lock());       // two readers hold it
  EXPECT_TRUE(rw.try_lock_shared());  // a third reader may join
  rw.unlock_shared();
  release = true;
  for (auto& r : readers) EXPECT_TRUE(finishes(r));
  EXPECT_TRUE(rw.try_lock());
  rw.unlock();
}

TEST(RLocker, LocksAndUnlocksTheReadSide) {
  chan::RWMutex rw;
  chan::RLocker a = rw.rlocker();
  chan::RLocker b(rw);
  EXPECT_EQ(&a.mutex(), &rw);
  a.lock();
  b.lock();  // two read locks at once
  EXPECT_FALSE(rw.try_lock());
  a.unlock();
  EXPECT_FALSE(rw.try_lock());
  b.unlock();
  EXPECT_TRUE(rw.try_lock());
  rw.unlock();
  {
    std::lock_guard guard(a);  // BasicLockable
    EXPECT_FALSE(rw.try_lock());
  }
  EXPECT_TRUE(rw.try_lock());
  rw.unlock();
}

TEST(RLockerDeathTest, UnlockWithoutAReadLockIsGosFatalError) {
  const unsigned line = __LINE__; auto body = [] { chan::RWMutex rw; chan::RLocker r = rw.rlocker(); r.unlock(); };
  EXPECT_EXIT(without_exceptions(body), testing::ExitedWithCode(2),
              fatal_error_report("sync: RUnlock of unlocked RWMutex", "sync.RWMutex", "cond_test.cpp", line));
}

TEST(CondDeathTest, WaitWithoutHoldingTheLockIsGosFatalError) {
  const unsigned line = __LINE__; auto body = [] { chan::Mutex mu; chan::Cond c(mu); c.wait(); };
  EXPECT_EXIT(without_exceptions(body), testing::ExitedWithCode(2),
              fatal_error_report("sync: unlock of unlocked mutex", "sync.Mutex", "cond_test.cpp", line));
}

// ---------------------------------------------------------------- no lost wake-ups

// Everything the goroutines of a stress run touch, owned jointly so a hung
// run cannot leave them pointing at a dead stack frame.
struct BoundedQueue {
  chan::Mutex mu;
  chan::Cond not_empty{mu};
  chan::Cond not_full{mu};
  std::deque<int> items;  // guarded by mu
  std::size_t capacity = 2;
  std::vector<int> received;  // guarded by mu
  chan::WaitGroup done;
};

// A guard against a hang: waits for wg with a generous limit and lists the
// blocked goroutines if it is exceeded.
bool finishes_within_limit(const std::shared_ptr<BoundedQueue>& q) {
  auto finished = chan::make<chan::Unit>();
  chan::go([q, finished]() mutable {
    q->done.wait();
    finished.close();
  });
  const auto idx = chan::select(chan::on_recv(finished, [] {}), chan::on_recv(chan::after(60s), [] {}));
  if (idx == 1) {
    std::string report;
    for (const auto& g : chan::blocked_goroutines())
      report += "  goroutine " + std::to_string(g.id) + " [" + g.operation + "] line " +
                std::to_string(g.where.line()) + "\n";
    ADD_FAILURE() << "hung; blocked goroutines:\n" << report;
  }
  return idx == 0;
}

TEST(Cond, BoundedQueueWithSignalLosesNoWakeUp) {
  // Producers and consumers on a two-slot queue, each waking one partner
  // with signal(): a lost wake-up leaves everybody parked (a hang, caught
  // by the limit), a spurious one breaks the counts.
  constexpr int producers = 3, consumers = 3, per_producer = 3000;
  auto q = std::make_shared<BoundedQueue>();
  q->done.add(producers + consumers);
  for (int p = 0; p < producers; ++p)
    chan::go([q, p] {
      for (int i = 0; i < per_producer; ++i) {
        std::unique_lock lock(q->mu);
        while (q->items.size() == q->capacity) q->not_full.wait();
        q->items.push_back(p * per_producer + i);
        q->not_empty.signal();
      }
      q->done.done();
    });
  for (int k = 0; k < consumers; ++k)
    chan::go([q] {
      for (int i = 0; i < per_producer; ++i) {
        std::unique_lock lock(q->mu);
        while (q->items.empty()) q->not_empty.wait();
        q->received.push_back(q->items.front());
        q->items.pop_front();
        q->not_full.signal();
      }
      q->done.done();
    });
  ASSERT_TRUE(finishes_within_limit(q));
  std::lock_guard lock(q->mu);
  std::sort(q->received.begin(), q->received.end());
  ASSERT_EQ(q->received.size(), static_cast<std::size_t>(producers * per_producer));
  for (int i = 0; i < producers * per_producer; ++i) ASSERT_EQ(q->received[i], i);
}

TEST(Cond, TurnTakingWithSignalLosesNoWakeUp) {
  // Two goroutines alternate strictly through one Cond; each signal must
  // reach the other even when it lands between its unlock of L and its park.
  struct Turns {
    chan::Mutex mu;
    chan::Cond c{mu};
    int turn = 0;  // guarded by mu
    chan::WaitGroup done;
  };
  auto t = std::make_shared<Turns>();
  constexpr int rounds = 5000;
  t->done.add(2);
  for (int me = 0; me < 2; ++me)
    chan::go([t, me] {
      for (int i = 0; i < rounds; ++i) {
        std::unique_lock lock(t->mu);
        while (t->turn % 2 != me) t->c.wait();
        ++t->turn;
        t->c.signal();
      }
      t->done.done();
    });
  auto finished = chan::make<chan::Unit>();
  chan::go([t, finished]() mutable {
    t->done.wait();
    finished.close();
  });
  ASSERT_EQ(chan::select(chan::on_recv(finished, [] {}), chan::on_recv(chan::after(60s), [] {})), 0u);
  std::lock_guard lock(t->mu);
  EXPECT_EQ(t->turn, 2 * rounds);
}

// ---------------------------------------------------------------- deadlock and leak reports

bool exited_non_zero(int status) { return WIFEXITED(status) && WEXITSTATUS(status) != 0; }

TEST(CondDeathTest, AWaitNobodySignalsIsADeadlock) {
  const unsigned line = __LINE__; auto body = [] { chan::Mutex mu; chan::Cond c(mu); mu.lock(); c.wait(); };
  EXPECT_EXIT(body(), exited_non_zero,
              "fatal error: all goroutines are asleep - deadlock!.*\\[sync.Cond.Wait\\].*sync.Cond 0x[0-9a-f]+ at "
              "[^\n]*cond_test.cpp:" + std::to_string(line) + "[^0-9]");
}

TEST(CondDeathTest, AWaiterWhoseSignallerWaitsForItIsADeadlock) {
  // The signaller waits on a WaitGroup the waiter would release: both park.
  const unsigned line = __LINE__; auto waiter = [](chan::Mutex* mu, chan::Cond* c, chan::WaitGroup* wg) { mu->lock(); c->wait(); wg->done(); };
  EXPECT_EXIT(
      {
        chan::Mutex mu;
        chan::Cond c(mu);
        chan::WaitGroup wg;
        wg.add(1);
        chan::go(waiter, &mu, &c, &wg);
        wg.wait();
        c.signal();
      },
      exited_non_zero,
      "all goroutines are asleep - deadlock!.*(\\[sync.Cond.Wait\\].*cond_test.cpp:" + std::to_string(line) +
          ".*\\[sync.WaitGroup.Wait\\]|\\[sync.WaitGroup.Wait\\].*\\[sync.Cond.Wait\\].*cond_test.cpp:" +
          std::to_string(line) + ")");
}

TEST(CondDeathTest, NoDeadlockReportWhileAGoroutineWillSignal) {
  // Main parks in wait() while the signaller sleeps: it counts as running.
  EXPECT_EXIT(
      {
        chan::Mutex mu;
        chan::Cond c(mu);
        bool ready = false;
        chan::go([&] {
          std::this_thread::sleep_for(20ms);
          std::lock_guard lock(mu);
          ready = true;
          c.signal();
        });
        std::unique_lock lock(mu);
        while (!ready) c.wait();
        std::exit(0);
      },
      testing::ExitedWithCode(0), "");
}

// In a child process of its own, so no goroutine left over by another test
// is still running when main parks (it would be the one to find the
// deadlock, and main would stay parked).
void wait_into_deadlock_handler() {
  std::vector<chan::BlockedGoroutine> report;
  chan::set_deadlock_handler([&](const std::vector<chan::BlockedGoroutine>& r) { report = r; });
  chan::Mutex mu;
  chan::Cond c(mu);
  mu.lock();
  unsigned line = 0;
  bool threw = false;
  try {
    line = __LINE__; c.wait();
  } catch (const chan::deadlock_error& e) {
    threw = e.where().line() == line;
  }
  const bool relocked = !mu.try_lock();  // wait() locks L again before throwing
  const bool reported = report.size() == 1 && report[0].operation == "sync.Cond.Wait" &&
                        report[0].where.line() == line && report[0].object.starts_with("sync.Cond ");
  std::fprintf(stderr, "threw=%d relocked=%d reported=%d\n", threw, relocked, reported);
  std::exit(threw && relocked && reported ? 0 : 1);
}

TEST(CondDeathTest, DeadlockHandlerSeesTheWaitAndWaitThrowsWithTheLockHeld) {
  EXPECT_EXIT(wait_into_deadlock_handler(), testing::ExitedWithCode(0), "threw=1 relocked=1 reported=1");
}

TEST(CondLeakCheck, AGoroutineLeftInWaitIsReportedAtExit) {
  auto r = run_helper("leak-cond", true);
  unsigned line = 0;
  ASSERT_EQ(std::sscanf(r.output.c_str(), "line %u", &line), 1) << r.output;
  EXPECT_NE(r.exit_status, 0) << r.output;
  EXPECT_NE(r.output.find("sync.Cond.Wait"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("test_helper.cpp:" + std::to_string(line)), std::string::npos) << r.output;
}

}  // namespace
