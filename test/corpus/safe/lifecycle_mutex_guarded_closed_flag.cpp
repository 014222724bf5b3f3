// corpus: safe/lifecycle_mutex_guarded_closed_flag
// origin: precision suite
// mechanism: an EventBus keeps a `closed_` flag under a std::mutex; publish() checks the flag and sends (non-blocking, into a buffered channel) while holding the lock, and shutdown() sets the flag and closes under the same lock, so no publish can send after the close and shutdown() called twice closes once.
// run: exit0
#include <chan/chan.hpp>

#include <mutex>
#include <string>

class EventBus {
 public:
  explicit EventBus(std::size_t capacity) : events_(chan::make<std::string>(capacity)) {}

  // Returns false when the bus is shut down or full (the event is dropped).
  bool publish(const std::string& event) {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return false;
    bool sent = false;
    chan::select(chan::on_send(events_, event, [&] { sent = true; }), chan::on_default([] {}));
    return sent;
  }

  void shutdown() {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return;
    closed_ = true;
    events_.close();
  }

  chan::RecvChan<std::string> events() const { return events_; }

 private:
  std::mutex mu_;
  bool closed_ = false;  // guarded by mu_
  chan::Chan<std::string> events_;
};

int main() {
  EventBus bus(64);
  chan::WaitGroup publishers;
  for (int p = 0; p < 4; ++p) {
    publishers.add(1);
    chan::go([&bus, &publishers, p] {
      for (int i = 0; i < 10; ++i)
        bus.publish("p" + std::to_string(p) + "-" + std::to_string(i));
      publishers.done();
    });
  }

  publishers.add(1);
  chan::go([&bus, &publishers] {  // may land in the middle of publishing
    bus.shutdown();
    publishers.done();
  });
  publishers.wait();
  bus.shutdown();

  int received = 0;
  for (const std::string& e : bus.events())
    received += e.empty() ? 0 : 1;
  const bool late_publish_refused = !bus.publish("late");
  return received <= 40 && late_publish_refused ? 0 : 1;
}
