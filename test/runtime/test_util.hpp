// Helpers shared by the runtime test suites.
#pragma once

#include <chan/chan.hpp>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include "child_process.hpp"

#include <algorithm>
#include <cstdio>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <source_location>
#include <string>
#include <thread>
#include <vector>

namespace chan_test {

using namespace std::chrono_literals;

// How long an operation must stay blocked before we call it blocked.  A
// probe that finishes within this window was not blocked; one that has not
// finished could in principle be slow, so every "blocks" test also checks
// that the operation completes once it is unblocked.
inline constexpr auto kBlockWindow = 50ms;
// Upper bound for anything that should happen "promptly"; generous so a
// loaded 2-core machine under ThreadSanitizer never flakes.
inline constexpr auto kPatience = 10s;

// What a probe goroutine observed: whether its operation returned, and the
// panic it raised, if any.
struct ProbeState {
  std::atomic<bool> finished{false};
  std::atomic<bool> panicked{false};
  std::mutex mu;
  std::string panic_message;  // guarded by mu
  unsigned panic_line = 0;    // guarded by mu
  std::string panic_file;     // guarded by mu

  std::string message() {
    std::lock_guard lock(mu);
    return panic_message;
  }
  unsigned line() {
    std::lock_guard lock(mu);
    return panic_line;
  }
};
using Probe = std::shared_ptr<ProbeState>;

// Runs `op` in a goroutine; a panic_error it raises is recorded rather than
// ending the test process.
template <class Op>
Probe start_probe(Op op) {
  auto state = std::make_shared<ProbeState>();
  chan::go([state, op]() mutable {
    try {
      op();
    } catch (const chan::panic_error& e) {
      std::lock_guard lock(state->mu);
      state->panic_message = e.what();
      state->panic_line = e.where().line();
      state->panic_file = e.where().file_name();
      state->panicked = true;
    }
    state->finished = true;
  });
  return state;
}

// True when the probe has still not finished after kBlockWindow.
inline bool still_blocked(const Probe& p, std::chrono::milliseconds window = kBlockWindow) {
  std::this_thread::sleep_for(window);
  return !p->finished.load();
}

// Polls `pred` until it holds or kPatience passes.
template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = kPatience) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

inline bool finishes(const Probe& p) {
  return eventually([&] { return p->finished.load(); });
}

// Runs a helper program (test_helper.cpp by default) in `mode` with `env`
// added ("NAME=value") and stdin closed, and collects its exit status and
// output.
struct ProcessResult {
  int exit_status = -1;
  std::string output;  // stdout and stderr
};

inline ProcessResult run_program(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}) {
  Child child(argv, env);
  child.close_stdin();
  ProcessResult result;
  result.exit_status = child.wait();
  result.output = child.output();
  return result;
}

inline ProcessResult run_helper_env(const std::string& mode, const std::vector<std::string>& env) {
  return run_program({CHAN_TEST_HELPER, mode}, env);
}

inline ProcessResult run_helper(const std::string& mode, bool leakcheck) {
  return run_helper_env(mode, leakcheck ? std::vector<std::string>{"CHAN_LEAKCHECK=1"} : std::vector<std::string>{});
}

// A POSIX extended regex for Go's fatal error report of `message` raised at
// `file`:`line` on a sync object of kind `object` ("sync.Mutex"), by the
// main goroutine.  Used with EXPECT_EXIT(..., ExitedWithCode(2), ...).
inline std::string fatal_error_report(const std::string& message, const std::string& object,
                                      const std::string& file, unsigned line) {
  return "fatal error: " + message + "\n\ngoroutine 1 \\[running\\]:\n\t" + object + " 0x[0-9a-f]+ at [^\n]*" +
         file + ":" + std::to_string(line) + "\n";
}

// Runs `body` in a death test's child; an exception escaping it exits with
// status 3, so a report with status 2 proves the error was not thrown.
template <class Body>
void without_exceptions(Body body) {
  try {
    body();
  } catch (...) {
    std::exit(3);
  }
  std::exit(0);
}

}  // namespace chan_test

// Expects `stmt` to raise chan::panic_error with Go's exact message and a
// source location naming this very line of this file (the defaulted
// std::source_location of the operation).  Keep each use on one line.
#define EXPECT_GO_PANIC(stmt, go_message)                                        \
  do {                                                                           \
    const auto expected_where_ = std::source_location::current();                \
    try {                                                                        \
      stmt;                                                                      \
      ADD_FAILURE() << "expected panic \"" << (go_message) << "\" from " #stmt;  \
    } catch (const chan::panic_error& e) {                                       \
      EXPECT_STREQ(e.what(), go_message);                                        \
      EXPECT_EQ(e.where().line(), expected_where_.line());                       \
      EXPECT_STREQ(e.where().file_name(), expected_where_.file_name());          \
    }                                                                            \
  } while (0)
