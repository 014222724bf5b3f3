// corpus: goker/kubernetes_6632 fixed
// origin: GoBench GoKer kubernetes#6632 (blocking: mixed deadlock, channel & lock)
// mechanism: before taking writeLock, monitor() starts a goroutine that drains resetChan (the upstream fix), so a WriteFrame() blocked on the send completes and releases the lock.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>

namespace {

struct Connection {
  chan::Chan<bool> close_chan = chan::make<bool>();
};

struct IdleAwareFramer {
  chan::Chan<bool> reset_chan = chan::make<bool>();  // guarded by write_lock
  chan::Mutex write_lock;
  Connection conn;

  void monitor() {
    auto reset = reset_chan;
    conn.close_chan.recv();
    chan::go([reset] {
      for (bool pending : reset) (void)pending;
    });
    write_lock.lock();
    reset.close();
    reset_chan = chan::Chan<bool>();
    write_lock.unlock();
  }

  void write_frame() {
    write_lock.lock();
    if (!reset_chan) {
      write_lock.unlock();
      return;
    }
    reset_chan.send(true);
    write_lock.unlock();
  }
};

}  // namespace

int main() {
  auto framer = std::make_shared<IdleAwareFramer>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([framer, &wg] { framer->write_frame(); wg.done(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // same schedule as the buggy program
  chan::go([framer] { framer->conn.close_chan.send(true); });
  chan::go([framer, &wg] { framer->monitor(); wg.done(); });
  wg.wait();
}
