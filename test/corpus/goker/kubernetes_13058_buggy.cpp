// corpus: goker/kubernetes_13058 buggy
// origin: GoBench GoKer kubernetes#13058 (nonblocking: Go-specific, WaitGroup)
// mechanism: the controller goroutine calls testDoneWG.Done() from its delete handler before the test has called testDoneWG.Add(), so the counter goes negative.
// run: panic: sync: negative WaitGroup counter
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using ProcessFunc = std::function<void()>;

struct Controller {
  ProcessFunc process;

  void process_loop() { process(); }

  void run(chan::RecvChan<chan::Unit> stop_ch) {
    // The kernel's Until(processLoop, 10ms, stopCh).
    for (;;) {
      bool stopped = false;
      chan::select(chan::on_recv(stop_ch, [&](chan::Unit, bool) { stopped = true; }),
                   chan::on_default([] {}));
      if (stopped) return;
      process_loop();
      std::this_thread::sleep_for(10ms);
    }
  }
};

}  // namespace

int main() {
  auto test_done_wg = std::make_shared<chan::WaitGroup>();
  auto controller = std::make_shared<Controller>();
  controller->process = [test_done_wg] {  // the informer's OnDelete handler
    test_done_wg->done();  // expect: CH205
  };

  auto stop = chan::make<chan::Unit>();
  chan::go([controller, stop] { controller->run(stop); });
  // Setting up the test cases takes a moment: forces the controller's first
  // delete event to come before the Add below.
  std::this_thread::sleep_for(100ms);

  const std::vector<std::function<void(std::string)>> tests = {[](std::string) {}};
  constexpr int kThreads = 3;
  chan::WaitGroup wg;
  wg.add(kThreads * static_cast<int>(tests.size()));
  test_done_wg->add(kThreads * static_cast<int>(tests.size()));
  for (int i = 0; i < kThreads; ++i) {
    for (std::size_t j = 0; j < tests.size(); ++j) {
      chan::go([&wg, &tests, i, j] {
        tests[j](std::to_string(i) + "-" + std::to_string(j));
        wg.done();
      });
    }
  }
  wg.wait();
  test_done_wg->wait();
  stop.close();
}
