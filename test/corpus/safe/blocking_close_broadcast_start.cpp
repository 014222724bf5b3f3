// corpus: safe/blocking_close_broadcast_start
// origin: precision suite
// mechanism: a load generator parks N client goroutines on a `start` channel that nothing is ever sent on and releases all of them at once by closing it (a close wakes every receiver, where one send would wake one); a second close-only channel, `stop`, ends their request loops the same way, and a WaitGroup confirms that each one returned.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <chrono>
#include <vector>

class LoadTest {
 public:
  explicit LoadTest(int clients) {
    for (int c = 0; c < clients; ++c) {
      wg_.add(1);
      chan::go([this, c] { client(c); });
    }
  }

  void run() { start_.close(); }

  // Returns how many clients got past the start line.
  int finish() {
    stop_.close();
    wg_.wait();
    return started_.load();
  }

 private:
  void client(int id) {
    start_.recv();  // parked until run(): every client starts together
    ++started_;
    for (bool running = true; running;) {
      chan::select(chan::on_recv(stop_, [&] { running = false; }),
                   chan::on_default([&] { requests_ += id + 1; }));
    }
    wg_.done();
  }

  chan::Chan<chan::Unit> start_ = chan::make<chan::Unit>();
  chan::Chan<chan::Unit> stop_ = chan::make<chan::Unit>();
  chan::WaitGroup wg_;
  std::atomic<long> requests_{0};
  std::atomic<int> started_{0};
};

int main() {
  LoadTest test(4);
  test.run();
  auto settle = chan::after(std::chrono::milliseconds(5));
  settle.recv();
  return test.finish() == 4 ? 0 : 1;
}
