// Threads the runtime did not start: a correct program is never killed.
// A thread that uses the runtime is adopted and counts as running while it
// lives; while threads the runtime has never seen exist, a stall of every
// goroutine is only a warning (it becomes Go's fatal report once they are
// gone, or at once with CHAN_DEADLOCK=abort).  Each case runs
// threads_helper.cpp in a process of its own and steps it through stdin.
#include "test_util.hpp"

#include <cstdio>

using namespace chan_test;

namespace {

constexpr const char* kFatal = "fatal error: all goroutines are asleep - deadlock!";
constexpr const char* kWarning = "chan: warning: every goroutine is blocked";

unsigned line_of(const std::string& output) {
  unsigned line = 0;
  const auto at = output.find("line ");
  if (at != std::string::npos) std::sscanf(output.c_str() + at, "line %u", &line);
  return line;
}

TEST(ForeignThread, ASendFromAPlainThreadAfterADelayIsNotADeadlock) {
  // The case from the field: a std::thread sends 100 ms after main blocked.
  auto r = run_program({CHAN_THREADS_HELPER, "foreign-sender"});
  EXPECT_EQ(r.exit_status, 0) << r.output;
  EXPECT_NE(r.output.find("got 42"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(kFatal), std::string::npos) << r.output;
}

TEST(ForeignThread, AStallWhileAnUnknownThreadLivesIsAWarningAndTheProgramGoesOn) {
  Child child({CHAN_THREADS_HELPER, "foreign-stdin-sends"});
  ASSERT_TRUE(child.started());
  // The thread waits in read(2) and has never used the runtime: main's
  // receive is reported as a warning naming it and its line, not killed.
  ASSERT_TRUE(child.read_until(kWarning)) << child.output();
  const unsigned line = line_of(child.output());  // printed before main blocked
  ASSERT_TRUE(child.read_until("threads_helper.cpp:" + std::to_string(line) + "\n")) << child.output();
  EXPECT_NE(child.output().find("goroutine 1 [chan receive"), std::string::npos) << child.output();
  EXPECT_NE(child.output().find("receive on chan int \"results\""), std::string::npos) << child.output();
  EXPECT_NE(child.output().find("CHAN_DEADLOCK=abort"), std::string::npos) << child.output();
  child.write("go\n");  // the unknown thread sends: the program finishes normally
  EXPECT_EQ(child.wait(), 0) << child.output();
  EXPECT_NE(child.output().find("got 7"), std::string::npos) << child.output();
  EXPECT_EQ(child.output().find(kFatal), std::string::npos) << child.output();
}

TEST(ForeignThread, TheStallBecomesAFatalDeadlockOnceTheUnknownThreadEnds) {
  Child child({CHAN_THREADS_HELPER, "foreign-stdin-exits"});
  ASSERT_TRUE(child.started());
  ASSERT_TRUE(child.read_until(kWarning)) << child.output();
  child.write("go\n");  // the thread ends without sending: nobody is left to wake main
  EXPECT_EQ(child.wait(), 2) << child.output();
  const auto fatal = child.output().find(kFatal);
  ASSERT_NE(fatal, std::string::npos) << child.output();
  const unsigned line = line_of(child.output());
  EXPECT_NE(child.output().find("threads_helper.cpp:" + std::to_string(line), fatal), std::string::npos)
      << child.output();
}

TEST(ForeignThread, DeadlockAbortMakesTheStallFatalAtOnce) {
  Child child({CHAN_THREADS_HELPER, "foreign-stdin-sends"}, {"CHAN_DEADLOCK=abort"});
  ASSERT_TRUE(child.started());
  // Go's closed world: the thread blocked in read(2) does not count.
  EXPECT_EQ(child.wait(), 2) << child.output();
  EXPECT_NE(child.output().find(kFatal), std::string::npos) << child.output();
  EXPECT_EQ(child.output().find(kWarning), std::string::npos) << child.output();
  EXPECT_NE(child.output().find("goroutine 1 [chan receive]"), std::string::npos) << child.output();
}

TEST(ForeignThread, AnAdoptedThreadCountsAsRunningWhileItLives) {
  Child child({CHAN_THREADS_HELPER, "adopted"});
  ASSERT_TRUE(child.started());
  ASSERT_TRUE(child.read_until("ready")) << child.output();
  // Main blocks again; the adopted thread sits in read(2).  It is a
  // goroutine the runtime knows, running: no stall at all.  A dump (SIGQUIT)
  // shows it as such.
  ASSERT_TRUE(child.read_until("line ")) << child.output();
  // Signal once main is parked for good, not while it is still on its way:
  // a parked thread must take the signal too (under ThreadSanitizer, which
  // defers signals to its interceptors, it once held it forever).
  std::this_thread::sleep_for(300ms);
  child.signal(SIGQUIT);
  ASSERT_TRUE(child.read_until("not started by go()")) << child.output();
  // In read(2), or on its way there.
  EXPECT_TRUE(child.output().find("goroutine 2 [syscall]") != std::string::npos ||
              child.output().find("goroutine 2 [running]") != std::string::npos)
      << child.output();
  // Long past the warning's one second, the verdict stays "running": the
  // detector never even looks, so no warning and no report.
  std::this_thread::sleep_for(1500ms);
  child.write("go\n");
  EXPECT_EQ(child.wait(), 0) << child.output();
  EXPECT_NE(child.output().find("got 2"), std::string::npos) << child.output();
  EXPECT_EQ(child.output().find(kWarning), std::string::npos) << child.output();
  EXPECT_EQ(child.output().find(kFatal), std::string::npos) << child.output();
}

TEST(ForeignThread, ABadDeadlockSettingIsRejected) {
  auto r = run_program({CHAN_THREADS_HELPER, "foreign-sender"}, {"CHAN_DEADLOCK=sometimes"});
  EXPECT_EQ(r.exit_status, 2) << r.output;
  EXPECT_NE(r.output.find("chan: CHAN_DEADLOCK=sometimes: expected abort or warn"), std::string::npos) << r.output;
}

}  // namespace
