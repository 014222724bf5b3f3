// corpus: safe/locks_send_after_unlock
// origin: precision suite
// mechanism: an Outbox collects messages under a chan::Mutex and flush() swaps the pending batch out inside a locked scope, then sends each message on an unbuffered channel after the guard's scope has ended; the consumer itself calls outbox methods that lock, which would deadlock if the send happened with the lock held, but here never does.
// run: exit0
#include <chan/chan.hpp>

#include <mutex>
#include <string>
#include <vector>

class Outbox {
 public:
  explicit Outbox(chan::Chan<std::string> wire) : wire_(std::move(wire)) {}

  void put(std::string msg) {
    std::lock_guard<chan::Mutex> lock(mu_);
    pending_.push_back(std::move(msg));
  }

  int flush() {
    std::vector<std::string> batch;
    {
      std::lock_guard<chan::Mutex> lock(mu_);
      batch.swap(pending_);
      ++flushes_;
    }
    for (std::string& m : batch)
      wire_.send(std::move(m));  // no lock held while blocked here
    return static_cast<int>(batch.size());
  }

  int flushes() {
    std::lock_guard<chan::Mutex> lock(mu_);
    return flushes_;
  }

 private:
  chan::Mutex mu_;
  std::vector<std::string> pending_;
  int flushes_ = 0;
  chan::Chan<std::string> wire_;
};

int main() {
  auto wire = chan::make<std::string>();
  Outbox outbox(wire);
  auto received = chan::make<int>(1);
  auto replied = chan::make<chan::Unit>(1);

  chan::go([wire, &outbox, received, replied] {
    int n = 0;
    for (const std::string& m : wire) {
      ++n;
      (void)outbox.flushes();  // locks while the flusher is mid-batch
      if (m == "ping") {
        outbox.put("pong");
        replied.send({});
      }
    }
    received.send(n);
  });

  outbox.put("hello");
  outbox.put("ping");
  const int first = outbox.flush();
  replied.recv();
  const int second = outbox.flush();  // the "pong" queued by the consumer
  wire.close();
  return first == 2 && second == 1 && received.recv() == 3 ? 0 : 1;
}
