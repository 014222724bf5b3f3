// Leak checks: blocked_goroutines() (goleak-style, what is blocked right
// now) and the opt-in exit-time check (CHAN_LEAKCHECK=1), which runs in a
// separate helper process so its environment and exit are its own.
#include "test_util.hpp"

#include <cstdio>

using namespace chan_test;

namespace {

// Entries of blocked_goroutines() at a given line of this file.
std::vector<chan::BlockedGoroutine> blocked_at(unsigned line) {
  std::vector<chan::BlockedGoroutine> found;
  for (auto& g : chan::blocked_goroutines())
    if (g.where.line() == line && std::string(g.where.file_name()).ends_with("leak_test.cpp")) found.push_back(g);
  return found;
}

TEST(BlockedGoroutines, ListsAGoroutineBlockedOnRecvUntilItIsUnblocked) {
  auto ch = chan::make<int>();
  const unsigned line = __LINE__; auto probe = start_probe([ch]() mutable { (void)ch.recv(); });
  ASSERT_TRUE(eventually([&] { return blocked_at(line).size() == 1; }));
  auto entry = blocked_at(line).front();
  EXPECT_EQ(entry.operation, "chan receive");
  EXPECT_FALSE(entry.object.empty());
  EXPECT_NE(entry.id, chan::goroutine_id());
  ch.send(1);
  EXPECT_TRUE(finishes(probe));
  EXPECT_TRUE(blocked_at(line).empty());
}

TEST(BlockedGoroutines, DistinguishesOperations) {
  auto ch = chan::make<int>();
  chan::WaitGroup wg;
  wg.add(1);
  const unsigned send_line = __LINE__; auto sender = start_probe([ch]() mutable { ch.send(1); });
  const unsigned wait_line = __LINE__; auto waiter = start_probe([&wg] { wg.wait(); });
  ASSERT_TRUE(eventually([&] { return blocked_at(send_line).size() == 1 && blocked_at(wait_line).size() == 1; }));
  EXPECT_EQ(blocked_at(send_line).front().operation, "chan send");
  EXPECT_NE(blocked_at(wait_line).front().operation.find("WaitGroup"), std::string::npos);
  EXPECT_NE(blocked_at(send_line).front().id, blocked_at(wait_line).front().id);
  (void)ch.recv();
  wg.done();
  EXPECT_TRUE(finishes(sender));
  EXPECT_TRUE(finishes(waiter));
}

TEST(BlockedGoroutines, ARunningOrSleepingGoroutineIsNotListed) {
  auto ch = chan::make<int>();
  std::atomic<bool> stop{false};
  auto sleeper = start_probe([&stop] {
    while (!stop) std::this_thread::sleep_for(1ms);
  });
  std::this_thread::sleep_for(kBlockWindow);
  for (const auto& g : chan::blocked_goroutines()) EXPECT_NE(g.id, chan::goroutine_id());
  const std::size_t before = chan::blocked_goroutines().size();
  stop = true;
  EXPECT_TRUE(finishes(sleeper));
  EXPECT_EQ(chan::blocked_goroutines().size(), before);
}

TEST(LeakCheckAtExit, ReportsTheLeakedGoroutineAndFails) {
  auto r = run_helper("leak", true);
  unsigned line = 0;
  ASSERT_EQ(std::sscanf(r.output.c_str(), "line %u", &line), 1) << r.output;
  EXPECT_NE(r.exit_status, 0) << r.output;
  EXPECT_NE(r.output.find("chan receive"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("test_helper.cpp:" + std::to_string(line)), std::string::npos) << r.output;
}

TEST(LeakCheckAtExit, IsOptIn) {
  auto r = run_helper("leak", false);
  EXPECT_EQ(r.exit_status, 0) << r.output;
  EXPECT_EQ(r.output.find("test_helper.cpp:"), std::string::npos) << r.output;
}

// goleak lists every goroutine that has not returned, blocked or not.
TEST(LeakCheckAtExit, ListsARunningOrSleepingGoroutineWithItsNameAndCreationSite) {
  auto r = run_helper("leak-sleeper", true);
  unsigned line = 0;
  ASSERT_EQ(std::sscanf(r.output.c_str(), "line %u", &line), 1) << r.output;
  EXPECT_EQ(r.exit_status, 1) << r.output;
  EXPECT_NE(r.output.find("chan: leak check failed: 1 goroutine(s) still alive at exit"), std::string::npos) << r.output;
  // Between two sleeps it may be caught running.
  EXPECT_TRUE(r.output.find("chan: leaked goroutine 2 \"ticker\" [sleep], created at ") != std::string::npos ||
              r.output.find("chan: leaked goroutine 2 \"ticker\" [running], created at ") != std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("test_helper.cpp:" + std::to_string(line) + "\n"), std::string::npos) << r.output;
}

// A goroutine still runnable when main returns and parking a moment later
// is reported as what it became: blocked, at its receive.
TEST(LeakCheckAtExit, ReportsAGoroutineThatBlocksJustAfterMainReturned) {
  auto r = run_helper("leak-late", true);
  unsigned line = 0;
  ASSERT_EQ(std::sscanf(r.output.c_str(), "line %u", &line), 1) << r.output;
  EXPECT_EQ(r.exit_status, 1) << r.output;
  EXPECT_NE(r.output.find("chan: leak check failed: 1 goroutine(s) still alive at exit"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("[chan receive] at "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("test_helper.cpp:" + std::to_string(line) + " ("), std::string::npos) << r.output;
}

TEST(LeakCheckAtExit, SkipsGoroutinesCreatedAtAnIgnoredSite) {
  const auto first = run_helper("leak-sleeper", true);
  unsigned line = 0;
  ASSERT_EQ(std::sscanf(first.output.c_str(), "line %u", &line), 1) << first.output;
  const std::string site = "test_helper.cpp:" + std::to_string(line);
  for (const std::string& ignore : {site, std::string("test_helper.cpp"), "runtime/test_helper.cpp:" + std::to_string(line),
                                    "other.cpp," + site}) {
    auto r = run_helper_env("leak-sleeper", {"CHAN_LEAKCHECK=1", "CHAN_LEAKCHECK_IGNORE=" + ignore});
    EXPECT_EQ(r.exit_status, 0) << ignore << ": " << r.output;
    EXPECT_EQ(r.output.find("leaked goroutine"), std::string::npos) << ignore << ": " << r.output;
  }
  // A site names whole path components and, if given, the line.
  for (const std::string& ignore : {std::string("helper.cpp"), "test_helper.cpp:" + std::to_string(line + 1)}) {
    auto r = run_helper_env("leak-sleeper", {"CHAN_LEAKCHECK=1", "CHAN_LEAKCHECK_IGNORE=" + ignore});
    EXPECT_EQ(r.exit_status, 1) << ignore << ": " << r.output;
  }
}

TEST(LeakCheckAtExit, ABadIgnoreListIsRejected) {
  auto r = run_helper_env("clean", {"CHAN_LEAKCHECK=1", "CHAN_LEAKCHECK_IGNORE=pool.cpp:twelve"});
  EXPECT_EQ(r.exit_status, 2) << r.output;
  EXPECT_NE(r.output.find("chan: CHAN_LEAKCHECK_IGNORE=pool.cpp:twelve: expected file or file:line"), std::string::npos)
      << r.output;
}

TEST(LeakCheckAtExit, PassesWhenEveryGoroutineFinished) {
  auto r = run_helper("clean", true);
  EXPECT_EQ(r.exit_status, 0) << r.output;
  EXPECT_EQ(r.output, "") << r.output;
}

}  // namespace
