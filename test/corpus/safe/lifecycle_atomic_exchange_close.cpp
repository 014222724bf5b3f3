// corpus: safe/lifecycle_atomic_exchange_close
// origin: precision suite
// mechanism: a Connection closes its done channel only when std::atomic<bool>::exchange(true) returns false, so the reader goroutine hitting end-of-input and the owner calling close() both may try, and exactly one closes; waiters select on done.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <string>
#include <vector>

class Connection {
 public:
  explicit Connection(std::vector<std::string> frames) : frames_(std::move(frames)) {}

  void close() {
    if (!closed_.exchange(true))
      done_.close();
  }
  bool is_closed() const { return closed_.load(); }
  chan::RecvChan<chan::Unit> done() const { return done_; }
  chan::RecvChan<std::string> incoming() const { return incoming_; }

  // Delivers every frame, then marks the connection closed at end of input.
  void read_loop() {
    for (const std::string& f : frames_) {
      bool delivered = false;
      chan::select(chan::on_send(incoming_, f, [&] { delivered = true; }),
                   chan::on_recv(done_, [] {}));
      if (!delivered) return;
    }
    close();
  }

 private:
  std::vector<std::string> frames_;
  std::atomic<bool> closed_{false};
  chan::Chan<chan::Unit> done_ = chan::make<chan::Unit>();
  chan::Chan<std::string> incoming_ = chan::make<std::string>();
};

int main() {
  Connection conn({"HELLO", "DATA 1", "DATA 2", "BYE"});
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    conn.read_loop();
    wg.done();
  });

  int frames = 0;
  bool running = true;
  while (running) {
    chan::select(chan::on_recv(conn.incoming(), [&](std::string f) {
                   ++frames;
                   if (f == "BYE") conn.close();  // may race the reader's own close()
                 }),
                 chan::on_recv(conn.done(), [&] { running = false; }));
  }
  conn.close();  // idempotent
  wg.wait();
  return frames == 4 && conn.is_closed() ? 0 : 1;
}
