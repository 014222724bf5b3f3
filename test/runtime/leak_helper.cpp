// Helper program for leak_test.cpp: run with CHAN_LEAKCHECK=1 it must fail at
// exit when it leaks a goroutine, and pass when it does not.
//   chan_leak_helper leak   leaves one goroutine blocked on a receive
//   chan_leak_helper clean  every goroutine finishes before main returns
// It prints "leak-line <n>" first: the line of the leaked receive.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

namespace {

void leak_a_receiver() {
  auto never = chan::make<int>();
  std::printf("leak-line %u\n", std::source_location::current().line() + 1);
  chan::go([never]() mutable { (void)never.recv(); });
  std::fflush(stdout);
  // Return only once the goroutine is parked, so the exit check sees it.
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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 64;
  if (std::strcmp(argv[1], "leak") == 0) leak_a_receiver();
  else if (std::strcmp(argv[1], "clean") == 0) finish_everything();
  else return 64;
  return 0;
}
