// corpus: goker/kubernetes_13058 fixed
// origin: GoBench GoKer kubernetes#13058 (nonblocking: Go-specific, WaitGroup)
// mechanism: the test calls testDoneWG.Add() before the controller starts, and the controller calls the delete handler once per deleted object taken from its queue, so Done() never outruns Add().
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using ProcessFunc = std::function<void(const std::string&)>;

struct Controller {
  ProcessFunc process;
  chan::Chan<std::string> queue = chan::make<std::string>(16);  // deleted objects

  void run(chan::RecvChan<chan::Unit> stop_ch) {
    for (;;) {
      bool stopped = false;
      chan::select(chan::on_recv(stop_ch, [&](chan::Unit, bool) { stopped = true; }),
                   chan::on_recv(queue, [&](std::string object, bool) { process(object); }));
      if (stopped) return;
    }
  }
};

}  // namespace

int main() {
  auto test_done_wg = std::make_shared<chan::WaitGroup>();
  auto controller = std::make_shared<Controller>();
  controller->process = [test_done_wg](const std::string&) { test_done_wg->done(); };

  const std::vector<std::function<void(std::string)>> tests = {
      [controller](std::string name) { controller->queue.send(name); }};  // deletes one object
  constexpr int kThreads = 3;
  test_done_wg->add(kThreads * static_cast<int>(tests.size()));

  auto stop = chan::make<chan::Unit>();
  chan::go([controller, stop] { controller->run(stop); });
  std::this_thread::sleep_for(100ms);  // same schedule as the buggy program

  chan::WaitGroup wg;
  wg.add(kThreads * static_cast<int>(tests.size()));
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
