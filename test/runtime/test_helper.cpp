// Helper program for the tests that need a whole process of their own:
//   chan_test_helper leak        leaves one goroutine blocked on a receive
//                                (run with CHAN_LEAKCHECK=1 it must fail at exit)
//   chan_test_helper leak-cond   leaves one goroutine parked in Cond::wait
//   chan_test_helper clean       every goroutine finishes before main returns
//   chan_test_helper panic-main  close of a nil channel, uncaught, in main
//   chan_test_helper panic-wg    negative WaitGroup counter, uncaught, in main
//   chan_test_helper leak-sleeper  leaves a goroutine named "ticker" sleeping in
//                                a loop (running, not blocked) at exit
//   chan_test_helper leak-late   returns while a goroutine still computes; it
//                                blocks on a receive ~100 ms after main returned
//   chan_test_helper throw-main  a std::runtime_error escapes main
//   chan_test_helper stack-size  prints a goroutine's stack size: "stack <bytes>"
// It first prints "line <n>": the line of the leaked or panicking operation
// (of the go() call for leak-sleeper).
#include <chan/chan.hpp>

#include <pthread.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace {

void leak_a_receiver() {
  auto never = chan::make<int>();
  std::printf("line %u\n", std::source_location::current().line() + 1);
  chan::go([never]() mutable { (void)never.recv(); });
  std::fflush(stdout);
  // Return only once the goroutine is parked, so the exit check sees it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (chan::blocked_goroutines().empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void leak_a_cond_waiter() {
  static chan::Mutex mu;
  static chan::Cond cond(mu);
  std::printf("line %u\n", std::source_location::current().line() + 1);
  chan::go([] { mu.lock(); cond.wait(); });
  std::fflush(stdout);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (chan::blocked_goroutines().empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void finish_everything() {
  auto results = chan::make<int>();
  chan::WaitGroup wg;
  wg.add(2);
  for (int i = 0; i < 2; ++i)
    chan::go([&wg, results, i]() mutable {
      results.send(i);
      wg.done();
    });
  (void)results.recv();
  (void)results.recv();
  wg.wait();
}

void leak_a_sleeper() {
  std::printf("line %u\n", std::source_location::current().line() + 1);
  chan::go_named("ticker", [] { for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(5)); });
  std::fflush(stdout);
}

// Returns at once: the goroutine is runnable when main returns and parks a
// moment later, while the exit-time check runs.
void leak_a_late_receiver() {
  auto never = chan::make<int>();
  std::printf("line %u\n", std::source_location::current().line() + 5);
  std::fflush(stdout);
  chan::go([never]() mutable {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
    while (std::chrono::steady_clock::now() < until) {}  // computing, not sleeping
    (void)never.recv();
  });
}

void throw_from_main() {
  (void)chan::make<int>();  // the runtime is in use
  throw std::runtime_error("boom in main");
}

void print_goroutine_stack_size() {
  auto size = chan::make<std::size_t>(1);
  chan::go([size]() mutable {
    pthread_attr_t attr;
    std::size_t bytes = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstacksize(&attr, &bytes);
      pthread_attr_destroy(&attr);
    }
    size.send(bytes);
  });
  std::printf("stack %zu\n", size.recv());
}

// Uncaught in main: a real program's uncaught exception, not a test
// framework's caught one.
void panic_in_main() {
  chan::Chan<int> nil;
  std::printf("line %u\n", std::source_location::current().line() + 2);
  std::fflush(stdout);
  nil.close();
}

void negative_waitgroup() {
  chan::WaitGroup wg;
  std::printf("line %u\n", std::source_location::current().line() + 2);
  std::fflush(stdout);
  wg.done();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 64;
  if (std::strcmp(argv[1], "leak") == 0) leak_a_receiver();
  else if (std::strcmp(argv[1], "leak-cond") == 0) leak_a_cond_waiter();
  else if (std::strcmp(argv[1], "clean") == 0) finish_everything();
  else if (std::strcmp(argv[1], "panic-main") == 0) panic_in_main();
  else if (std::strcmp(argv[1], "panic-wg") == 0) negative_waitgroup();
  else if (std::strcmp(argv[1], "leak-sleeper") == 0) leak_a_sleeper();
  else if (std::strcmp(argv[1], "leak-late") == 0) leak_a_late_receiver();
  else if (std::strcmp(argv[1], "throw-main") == 0) throw_from_main();
  else if (std::strcmp(argv[1], "stack-size") == 0) print_goroutine_stack_size();
  else return 64;
  return 0;
}
