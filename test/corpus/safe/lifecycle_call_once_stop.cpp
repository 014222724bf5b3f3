// corpus: safe/lifecycle_call_once_stop
// origin: precision suite
// mechanism: a Server's stop() closes its quit channel inside std::call_once; stop() is called by a watchdog goroutine, by a signal-handler-like callback and by main's shutdown path, possibly concurrently, and the once flag makes exactly one of them close.
// run: exit0
#include <chan/chan.hpp>

#include <functional>
#include <mutex>
#include <vector>

class Server {
 public:
  void stop() {
    std::call_once(stop_once_, [this] { quit_.close(); });
  }
  chan::RecvChan<chan::Unit> quit() const { return quit_; }

  void serve(chan::WaitGroup& wg) {
    wg.add(1);
    chan::go([this, &wg] {
      quit_.recv();  // returns at the close: nothing is ever sent on quit_
      wg.done();
    });
  }

 private:
  chan::Chan<chan::Unit> quit_ = chan::make<chan::Unit>();
  std::once_flag stop_once_;
};

int main() {
  Server server;
  chan::WaitGroup wg;
  for (int i = 0; i < 3; ++i)
    server.serve(wg);

  std::vector<std::function<void()>> on_signal{[&server] { server.stop(); }};

  chan::WaitGroup stoppers;
  stoppers.add(2);
  chan::go([&] {
    server.stop();  // watchdog
    stoppers.done();
  });
  chan::go([&] {
    for (auto& handler : on_signal)
      handler();
    stoppers.done();
  });

  server.stop();  // main's own shutdown path
  stoppers.wait();
  wg.wait();
  auto [v, open] = server.quit().recv_ok();
  (void)v;
  return open ? 1 : 0;
}
