// corpus: goker/kubernetes_6632 buggy
// origin: GoBench GoKer kubernetes#6632 (blocking: mixed deadlock, channel & lock)
// mechanism: WriteFrame() holds writeLock while it blocks sending on resetChan, and monitor(), which would end that by closing resetChan, must take writeLock first.
// run: deadlock
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
    write_lock.lock();  // expect: CH203
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
  chan::go([framer, &wg] { framer->write_frame(); wg.done(); });  // G2
  // Lets WriteFrame() take the lock first: forces the kernel's interleaving.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  chan::go([framer] { framer->conn.close_chan.send(true); });  // helper
  chan::go([framer, &wg] { framer->monitor(); wg.done(); });    // G1
  wg.wait();
}
