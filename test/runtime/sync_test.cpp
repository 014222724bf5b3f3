// WaitGroup, Mutex and RWMutex with Go's sync semantics, and their use with
// the standard lock wrappers.
#include "test_util.hpp"

#include <mutex>
#include <shared_mutex>

using namespace chan_test;

namespace {

// ---------------------------------------------------------------- WaitGroup

TEST(WaitGroup, WaitReturnsAfterEveryDone) {
  chan::WaitGroup wg;
  std::atomic<int> finished{0};
  constexpr int n = 4;
  wg.add(n);
  for (int i = 0; i < n; ++i) {
    chan::go([&wg, &finished, i] {
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * i));
      ++finished;
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(finished.load(), n);
}

TEST(WaitGroup, WaitBlocksWhileCounterIsPositive) {
  chan::WaitGroup wg;
  wg.add(1);
  auto waiter = start_probe([&wg] { wg.wait(); });
  EXPECT_TRUE(still_blocked(waiter));
  wg.done();
  EXPECT_TRUE(finishes(waiter));
}

TEST(WaitGroup, WaitWithZeroCounterReturnsAtOnce) {
  chan::WaitGroup wg;
  wg.wait();
  wg.add(2);
  wg.add(-2);
  wg.wait();
  SUCCEED();
}

TEST(WaitGroup, ManyWaitersAllReleased) {
  chan::WaitGroup wg;
  wg.add(1);
  std::vector<Probe> waiters;
  for (int i = 0; i < 4; ++i) waiters.push_back(start_probe([&wg] { wg.wait(); }));
  std::this_thread::sleep_for(kBlockWindow);
  for (auto& w : waiters) EXPECT_FALSE(w->finished.load());
  wg.done();
  for (auto& w : waiters) EXPECT_TRUE(finishes(w));
}

TEST(WaitGroup, NegativeCounterPanicsOnDone) {
  chan::WaitGroup wg;
  EXPECT_GO_PANIC(wg.done(), "sync: negative WaitGroup counter");
}

TEST(WaitGroup, NegativeCounterPanicsOnAdd) {
  chan::WaitGroup wg;
  wg.add(1);
  EXPECT_GO_PANIC(wg.add(-2), "sync: negative WaitGroup counter");
}

TEST(WaitGroup, ReusableAfterWait) {
  chan::WaitGroup wg;
  for (int round = 0; round < 3; ++round) {
    wg.add(2);
    chan::go([&wg] { wg.done(); });
    chan::go([&wg] { wg.done(); });
    wg.wait();
  }
  SUCCEED();
}

// ---------------------------------------------------------------- Mutex

TEST(Mutex, MutualExclusion) {
  chan::Mutex mu;
  long counter = 0;  // deliberately not atomic: the mutex must protect it
  constexpr int goroutines = 4, increments = 5000;
  chan::WaitGroup wg;
  wg.add(goroutines);
  for (int g = 0; g < goroutines; ++g) {
    chan::go([&] {
      for (int i = 0; i < increments; ++i) {
        std::lock_guard lock(mu);
        ++counter;
      }
      wg.done();
    });
  }
  wg.wait();
  EXPECT_EQ(counter, long{goroutines} * increments);
}

TEST(Mutex, LockBlocksWhileHeld) {
  chan::Mutex mu;
  mu.lock();
  auto locker = start_probe([&mu] {
    mu.lock();
    mu.unlock();
  });
  EXPECT_TRUE(still_blocked(locker));
  mu.unlock();
  EXPECT_TRUE(finishes(locker));
}

TEST(Mutex, TryLock) {
  chan::Mutex mu;
  EXPECT_TRUE(mu.try_lock());
  EXPECT_FALSE(mu.try_lock());
  mu.unlock();
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
}

// Go: unlocking an unlocked mutex is a fatal error, not a panic: it cannot
// be recovered, and the process exits with status 2.
TEST(MutexDeathTest, UnlockOfUnlockedIsAFatalError) {
  const unsigned line = __LINE__; auto body = [] { chan::Mutex mu; mu.unlock(); };
  EXPECT_EXIT(without_exceptions(body), testing::ExitedWithCode(2),
              fatal_error_report("sync: unlock of unlocked mutex", "sync.Mutex", "sync_test.cpp", line));
}

TEST(MutexDeathTest, SecondUnlockIsAFatalError) {
  const unsigned line = __LINE__; auto body = [] { chan::Mutex mu; mu.lock(); mu.unlock(); mu.unlock(); };
  EXPECT_EXIT(without_exceptions(body), testing::ExitedWithCode(2),
              fatal_error_report("sync: unlock of unlocked mutex", "sync.Mutex", "sync_test.cpp", line));
}

TEST(MutexDeathTest, UnlockOfUnlockedRWMutexIsAFatalError) {
  const unsigned line = __LINE__; auto body = [] { chan::RWMutex rw; rw.lock_shared(); rw.unlock(); };
  EXPECT_EXIT(without_exceptions(body), testing::ExitedWithCode(2),
              fatal_error_report("sync: Unlock of unlocked RWMutex", "sync.RWMutex", "sync_test.cpp", line));
}

TEST(MutexDeathTest, RUnlockOfUnlockedRWMutexIsAFatalError) {
  const unsigned line = __LINE__; auto body = [] { chan::RWMutex rw; rw.lock(); rw.unlock_shared(); };
  EXPECT_EXIT(without_exceptions(body), testing::ExitedWithCode(2),
              fatal_error_report("sync: RUnlock of unlocked RWMutex", "sync.RWMutex", "sync_test.cpp", line));
}

TEST(MutexDeathTest, UnlockInAGoroutineNamesIt) {
  const unsigned line = __LINE__; auto body = [] { chan::Mutex mu; chan::go_named("releaser", [&mu] { mu.unlock(); }); chan::select(); };
  EXPECT_EXIT(without_exceptions(body), testing::ExitedWithCode(2),
              "fatal error: sync: unlock of unlocked mutex\n\ngoroutine [0-9]+ \"releaser\" \\[running\\]:\n\t"
              "sync.Mutex 0x[0-9a-f]+ at [^\n]*sync_test.cpp:" + std::to_string(line) +
              "\n\tcreated by goroutine 1 at [^\n]*sync_test.cpp:" + std::to_string(line) + "\n");
}

TEST(Mutex, MayBeUnlockedByAnotherGoroutine) {
  // Go: "A locked Mutex is not associated with a particular goroutine."
  chan::Mutex mu;
  mu.lock();
  auto unlocker = start_probe([&mu] { mu.unlock(); });
  ASSERT_TRUE(finishes(unlocker));
  EXPECT_FALSE(unlocker->panicked.load());
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
}

TEST(Mutex, WorksWithStandardWrappers) {
  chan::Mutex a, b;
  {
    std::unique_lock lock(a);
    EXPECT_TRUE(lock.owns_lock());
    EXPECT_FALSE(a.try_lock());
    lock.unlock();
    EXPECT_TRUE(a.try_lock());
    a.unlock();
  }
  {
    std::unique_lock lock(a, std::try_to_lock);
    EXPECT_TRUE(lock.owns_lock());
  }
  {
    std::scoped_lock both(a, b);  // std::lock: needs try_lock
    EXPECT_FALSE(a.try_lock());
    EXPECT_FALSE(b.try_lock());
  }
  EXPECT_TRUE(a.try_lock());
  EXPECT_TRUE(b.try_lock());
  a.unlock();
  b.unlock();
}

TEST(Mutex, ScopedLockOfTwoMutexesInOppositeOrdersDoesNotDeadlock) {
  chan::Mutex a, b;
  chan::WaitGroup wg;
  wg.add(2);
  long shared = 0;
  chan::go([&] {
    for (int i = 0; i < 2000; ++i) {
      std::scoped_lock lock(a, b);
      ++shared;
    }
    wg.done();
  });
  chan::go([&] {
    for (int i = 0; i < 2000; ++i) {
      std::scoped_lock lock(b, a);
      ++shared;
    }
    wg.done();
  });
  wg.wait();
  EXPECT_EQ(shared, 4000);
}

// ---------------------------------------------------------------- RWMutex

TEST(RWMutex, ManyReadersHoldTheLockTogether) {
  chan::RWMutex rw;
  constexpr int readers = 4;
  std::atomic<int> inside{0};
  std::atomic<int> saw_all{0};
  chan::WaitGroup wg;
  wg.add(readers);
  for (int i = 0; i < readers; ++i) {
    chan::go([&] {
      {
        std::shared_lock lock(rw);
        ++inside;
        // Every reader waits, holding its read lock, until all are inside.
        if (eventually([&] { return inside.load() == readers; })) ++saw_all;
      }
      wg.done();  // after unlocking: rw dies with the test once wait returns
    });
  }
  wg.wait();
  EXPECT_EQ(saw_all.load(), readers);
}

TEST(RWMutex, WriterExcludesReadersAndWriters) {
  chan::RWMutex rw;
  rw.lock();
  auto reader = start_probe([&rw] {
    rw.lock_shared();
    rw.unlock_shared();
  });
  auto writer = start_probe([&rw] {
    rw.lock();
    rw.unlock();
  });
  EXPECT_TRUE(still_blocked(reader));
  EXPECT_FALSE(writer->finished.load());
  EXPECT_FALSE(rw.try_lock_shared());
  EXPECT_FALSE(rw.try_lock());
  rw.unlock();
  EXPECT_TRUE(finishes(reader));
  EXPECT_TRUE(finishes(writer));
}

TEST(RWMutex, ReaderExcludesWriter) {
  chan::RWMutex rw;
  rw.lock_shared();
  EXPECT_FALSE(rw.try_lock());
  auto writer = start_probe([&rw] {
    rw.lock();
    rw.unlock();
  });
  EXPECT_TRUE(still_blocked(writer));
  rw.unlock_shared();
  EXPECT_TRUE(finishes(writer));
}

TEST(RWMutex, AWaitingWriterBlocksNewReaders) {
  // Go: "If any goroutine calls Lock while the lock is already held by one
  // or more readers, concurrent calls to RLock will block until the writer
  // has acquired (and released) the lock."
  chan::RWMutex rw;
  rw.lock_shared();  // first reader
  std::atomic<int> order{0}, writer_at{0}, reader_at{0};
  auto writer = start_probe([&] {
    rw.lock();
    writer_at = ++order;
    rw.unlock();
  });
  std::this_thread::sleep_for(kBlockWindow);  // let the writer start waiting
  ASSERT_FALSE(writer->finished.load());
  EXPECT_FALSE(rw.try_lock_shared());  // a pending writer refuses TryRLock too
  auto late_reader = start_probe([&] {
    rw.lock_shared();
    reader_at = ++order;
    rw.unlock_shared();
  });
  EXPECT_TRUE(still_blocked(late_reader));
  rw.unlock_shared();  // first reader leaves: the writer goes first, then the late reader
  ASSERT_TRUE(finishes(writer));
  ASSERT_TRUE(finishes(late_reader));
  EXPECT_EQ(writer_at.load(), 1);
  EXPECT_EQ(reader_at.load(), 2);
}

TEST(RWMutex, WorksWithStandardWrappers) {
  chan::RWMutex rw;
  {
    std::shared_lock r1(rw);
    std::shared_lock r2(rw);
    EXPECT_TRUE(r1.owns_lock() && r2.owns_lock());
    EXPECT_FALSE(rw.try_lock());
  }
  {
    std::lock_guard w(rw);
    EXPECT_FALSE(rw.try_lock_shared());
  }
  {
    std::unique_lock w(rw);
    EXPECT_TRUE(w.owns_lock());
  }
  {
    chan::Mutex m;
    std::scoped_lock both(rw, m);
    EXPECT_FALSE(rw.try_lock_shared());
  }
  EXPECT_TRUE(rw.try_lock());
  rw.unlock();
}

TEST(RWMutex, ReadersAndWritersKeepAnInvariant) {
  // Writers keep a == b under the write lock; readers must never see them differ.
  chan::RWMutex rw;
  long a = 0, b = 0;
  std::atomic<int> torn{0};
  chan::WaitGroup wg;
  wg.add(4);
  for (int w = 0; w < 2; ++w)
    chan::go([&] {
      for (int i = 0; i < 1500; ++i) {
        std::lock_guard lock(rw);
        ++a;
        ++b;
      }
      wg.done();
    });
  for (int r = 0; r < 2; ++r)
    chan::go([&] {
      for (int i = 0; i < 1500; ++i) {
        std::shared_lock lock(rw);
        if (a != b) ++torn;
      }
      wg.done();
    });
  wg.wait();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(a, 3000);
}

}  // namespace
