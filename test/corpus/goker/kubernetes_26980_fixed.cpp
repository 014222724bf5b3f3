// corpus: goker/kubernetes_26980 fixed
// origin: GoBench GoKer kubernetes#26980 (blocking: mixed deadlock, channel & lock)
// mechanism: pop() releases the listener's lock before it waits on stopCh, so the goroutine taking the lock proceeds and the test closes stopCh.
// run: exit0
#include <chan/chan.hpp>

#include <any>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <thread>
#include <vector>

namespace {

struct ProcessorListener {
  chan::RWMutex lock;
  std::condition_variable_any cond;  // waits on lock
  std::vector<std::any> pending_notifications;

  void add(std::any notification) {
    lock.lock();
    pending_notifications.push_back(std::move(notification));
    cond.notify_all();
    lock.unlock();
  }

  void pop(chan::RecvChan<chan::Unit> stop_ch) {
    lock.lock();
    while (pending_notifications.empty()) {
      bool stopped = false;
      chan::select(chan::on_recv(stop_ch, [&](chan::Unit, bool) { stopped = true; }),
                   chan::on_default([] {}));
      if (stopped) {
        lock.unlock();
        return;
      }
      cond.wait(lock);
    }
    lock.unlock();
    stop_ch.recv();
  }
};

}  // namespace

int main() {
  auto listener = std::make_shared<ProcessorListener>();
  auto stop_ch = chan::make<chan::Unit>();
  listener->add(1);
  chan::go([listener, stop_ch] { listener->pop(stop_ch); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // same schedule as the buggy program

  auto result_ch = chan::make<chan::Unit>();
  chan::go([listener, result_ch] {
    listener->lock.lock();
    listener->lock.unlock();
    result_ch.close();
  });
  result_ch.recv();
  stop_ch.close();
}
