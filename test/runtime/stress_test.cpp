// Stress: many producers and consumers on buffered and unbuffered channels,
// with plain operations and with select, closing after the producers finish
// or while they still send.  Whatever the interleaving, every id whose send
// returned normally is received exactly once, and no other id is received.
// Sized to run in a few seconds, also under ThreadSanitizer on 2 cores.
#include "test_util.hpp"

#include <random>
#include <sstream>

using namespace chan_test;

namespace {

constexpr auto kStressLimit = 60s;  // a hang becomes a failure, with the blocked goroutines listed

struct Shape {
  std::size_t capacity;
  int producers;
  int consumers;
  int per_producer;
};

std::string describe(const Shape& s) {
  std::ostringstream os;
  os << "cap" << s.capacity << "_" << s.producers << "p" << s.consumers << "c";
  return os.str();
}

// Keeps gtest from printing the parameter as raw bytes in test names.
void PrintTo(const Shape& s, std::ostream* os) { *os << describe(s); }

std::uint32_t fresh_seed() { return std::random_device{}(); }

// Everything the goroutines of one run touch lives here, owned jointly, so a
// run that times out cannot leave goroutines pointing at a dead stack frame.
struct StressRun {
  explicit StressRun(const Shape& s) : shape(s), sent_ok(s.producers), received(s.consumers) {}
  Shape shape;
  std::vector<std::vector<int>> sent_ok;   // per producer: ids whose send returned
  std::vector<std::vector<int>> received;  // per consumer
  std::atomic<int> panics{0};
  std::atomic<int> sent_count{0};  // the close trigger reads this, not the vectors
  chan::WaitGroup producers_done;
  chan::WaitGroup consumers_done;
};

std::string blocked_report() {
  std::ostringstream os;
  for (const auto& g : chan::blocked_goroutines())
    os << "  goroutine " << g.id << " [" << g.operation << "] " << g.object << " at " << g.where.file_name() << ":"
       << g.where.line() << "\n";
  return os.str();
}

// Waits for the consumers with a time limit; false (and a failure naming the
// blocked goroutines) if they hang.
bool await_consumers(const std::shared_ptr<StressRun>& run) {
  auto finished = chan::make<chan::Unit>();
  chan::go([run, finished]() mutable {
    run->consumers_done.wait();
    finished.close();
  });
  const std::size_t idx = chan::select(chan::on_recv(finished, [](chan::Unit, bool) {}),
                                       chan::on_recv(chan::after(kStressLimit), [](auto, bool) {}));
  if (idx == 1) ADD_FAILURE() << "stress run hung; blocked goroutines:\n" << blocked_report();
  return idx == 0;
}

// Every id sent successfully is received exactly once; nothing else is.
void expect_exactly_once(const StressRun& run) {
  const int universe = run.shape.producers * run.shape.per_producer;
  std::vector<int> sent(universe, 0), got(universe, 0);
  for (const auto& ids : run.sent_ok)
    for (int id : ids) ++sent[id];
  std::size_t total = 0;
  for (const auto& ids : run.received) {
    for (int id : ids) {
      ASSERT_GE(id, 0);
      ASSERT_LT(id, universe);
      ++got[id];
    }
    total += ids.size();
  }
  int lost = 0, duplicated = 0, phantom = 0;
  for (int id = 0; id < universe; ++id) {
    if (sent[id] == 1 && got[id] == 0) ++lost;
    if (got[id] > 1) ++duplicated;
    if (sent[id] == 0 && got[id] > 0) ++phantom;  // a panicked send must not deliver
  }
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(duplicated, 0);
  EXPECT_EQ(phantom, 0);
  std::size_t total_sent = 0;
  for (const auto& ids : run.sent_ok) total_sent += ids.size();
  EXPECT_EQ(total, total_sent);
}

void start_range_consumers(const std::shared_ptr<StressRun>& run, chan::RecvChan<int> in) {
  run->consumers_done.add(run->shape.consumers);
  for (int c = 0; c < run->shape.consumers; ++c)
    chan::go([run, in, c] {
      for (int id : in) run->received[c].push_back(id);
      run->consumers_done.done();
    });
}

// Producers send their ids; each stops at its first panic (closed channel).
void start_producers(const std::shared_ptr<StressRun>& run, chan::SendChan<int> out) {
  run->producers_done.add(run->shape.producers);
  for (int p = 0; p < run->shape.producers; ++p)
    chan::go([run, out, p]() mutable {
      try {
        for (int i = 0; i < run->shape.per_producer; ++i) {
          const int id = p * run->shape.per_producer + i;
          out.send(id);
          run->sent_ok[p].push_back(id);
          ++run->sent_count;
        }
      } catch (const chan::panic_error& e) {
        EXPECT_STREQ(e.what(), "send on closed channel");
        ++run->panics;
      }
      run->producers_done.done();
    });
}

class ChannelStress : public testing::TestWithParam<Shape> {};

TEST_P(ChannelStress, CloseAfterProducersFinish) {
  const auto seed = fresh_seed();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  auto run = std::make_shared<StressRun>(GetParam());
  auto ch = chan::make<int>(run->shape.capacity);
  start_range_consumers(run, ch);
  start_producers(run, ch);
  const auto linger = std::chrono::microseconds(std::uniform_int_distribution<int>(0, 2000)(rng));
  chan::go([run, ch, linger]() mutable {
    run->producers_done.wait();
    std::this_thread::sleep_for(linger);
    ch.close();
  });
  ASSERT_TRUE(await_consumers(run));
  EXPECT_EQ(run->panics.load(), 0);
  for (const auto& ids : run->sent_ok) EXPECT_EQ(ids.size(), static_cast<std::size_t>(run->shape.per_producer));
  expect_exactly_once(*run);
}

TEST_P(ChannelStress, CloseWhileProducersStillSend) {
  for (int round = 0; round < 4; ++round) {
    const auto seed = fresh_seed();
    SCOPED_TRACE("round " + std::to_string(round) + " seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    auto run = std::make_shared<StressRun>(GetParam());
    auto ch = chan::make<int>(run->shape.capacity);
    start_range_consumers(run, ch);
    start_producers(run, ch);
    // Close after a random share of the messages has gone through.
    const int total = run->shape.producers * run->shape.per_producer;
    const int close_after = std::uniform_int_distribution<int>(0, total / 2)(rng);
    chan::go([run, ch, close_after]() mutable {
      while (run->sent_count.load() < close_after) std::this_thread::yield();
      ch.close();
    });
    ASSERT_TRUE(await_consumers(run));
    run->producers_done.wait();
    expect_exactly_once(*run);
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, ChannelStress,
                         testing::Values(Shape{0, 4, 4, 1500}, Shape{1, 4, 4, 2000}, Shape{64, 4, 4, 4000},
                                         Shape{16, 8, 2, 1000}, Shape{0, 2, 8, 1500}),
                         [](const auto& info) { return describe(info.param); });

// ---------------------------------------------------------------- select-based

// Producers offer each id on either of two channels through select;
// consumers select over both, dropping a channel (setting it to nil) once it
// is closed and drained.
class SelectStress : public testing::TestWithParam<Shape> {
 protected:
  void run_once(bool close_early, std::uint32_t seed) {
    std::mt19937 rng(seed);
    auto run = std::make_shared<StressRun>(GetParam());
    auto a = chan::make<int>(run->shape.capacity);
    auto b = chan::make<int>(run->shape.capacity);
    run->consumers_done.add(run->shape.consumers);
    for (int c = 0; c < run->shape.consumers; ++c)
      chan::go([run, a, b, c] {
        chan::Chan<int> ra = a, rb = b;
        while (ra || rb) {
          chan::select(chan::on_recv(ra, [&](int id, bool ok) { if (ok) run->received[c].push_back(id); else ra = {}; }),
                       chan::on_recv(rb, [&](int id, bool ok) { if (ok) run->received[c].push_back(id); else rb = {}; }));
        }
        run->consumers_done.done();
      });
    run->producers_done.add(run->shape.producers);
    for (int p = 0; p < run->shape.producers; ++p)
      chan::go([run, a, b, p] {
        try {
          for (int i = 0; i < run->shape.per_producer; ++i) {
            const int id = p * run->shape.per_producer + i;
            chan::select(chan::on_send(a, id, [] {}), chan::on_send(b, id, [] {}));
            run->sent_ok[p].push_back(id);
          }
        } catch (const chan::panic_error& e) {
          EXPECT_STREQ(e.what(), "send on closed channel");
          ++run->panics;
        }
        run->producers_done.done();
      });
    const auto delay = std::chrono::microseconds(std::uniform_int_distribution<int>(0, 3000)(rng));
    chan::go([run, a, b, close_early, delay]() mutable {
      if (!close_early) run->producers_done.wait();
      std::this_thread::sleep_for(delay);
      a.close();
      b.close();
    });
    ASSERT_TRUE(await_consumers(run));
    run->producers_done.wait();
    if (!close_early) EXPECT_EQ(run->panics.load(), 0);
    expect_exactly_once(*run);
  }
};

TEST_P(SelectStress, CloseAfterProducersFinish) {
  const auto seed = fresh_seed();
  SCOPED_TRACE("seed " + std::to_string(seed));
  run_once(false, seed);
}

TEST_P(SelectStress, CloseWhileProducersStillSend) {
  for (int round = 0; round < 4; ++round) {
    const auto seed = fresh_seed();
    SCOPED_TRACE("round " + std::to_string(round) + " seed " + std::to_string(seed));
    run_once(true, seed);
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, SelectStress,
                         testing::Values(Shape{0, 4, 4, 1000}, Shape{8, 4, 4, 2000}),
                         [](const auto& info) { return describe(info.param); });

// ---------------------------------------------------------------- many short lives

TEST(ChannelLifecycleStress, ManySmallRunsWithRandomClose) {
  // Short runs make the close race (senders and receivers parking while the
  // channel closes) happen often.
  const auto seed = fresh_seed();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  for (int round = 0; round < 60; ++round) {
    auto run = std::make_shared<StressRun>(Shape{static_cast<std::size_t>(round % 3), 2, 2, 30});
    auto ch = chan::make<int>(run->shape.capacity);
    start_range_consumers(run, ch);
    start_producers(run, ch);
    const auto delay = std::chrono::microseconds(std::uniform_int_distribution<int>(0, 300)(rng));
    chan::go([ch, delay]() mutable {
      std::this_thread::sleep_for(delay);
      ch.close();
    });
    ASSERT_TRUE(await_consumers(run));
    run->producers_done.wait();
    expect_exactly_once(*run);
    if (HasFailure()) break;
  }
}

TEST(ChannelLifecycleStress, ChannelsDroppedWhileGoroutinesFinish) {
  // The last handle may go away in any goroutine; ASan checks nobody touches
  // a freed channel.
  for (int round = 0; round < 200; ++round) {
    auto ch = chan::make<int>(round % 2);
    chan::WaitGroup wg;
    wg.add(2);
    chan::go([ch, &wg]() mutable { ch.send(1); wg.done(); });
    chan::go([ch, &wg]() mutable { (void)ch.recv(); wg.done(); });
    ch = {};
    wg.wait();
  }
  SUCCEED();
}

}  // namespace
