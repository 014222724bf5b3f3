// corpus: safe/lifecycle_unique_ptr_reset_closes
// origin: precision suite
// mechanism: a Subscription's destructor closes its delivery channel; the owner holds it in a std::unique_ptr, delivers through it, and ends it with reset() after the last delivery; the listener goroutine ranges over its copy of the channel and stops at the close; a new Subscription made afterwards has a new channel.
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <string>

class Subscription {
 public:
  Subscription(std::string topic, chan::Chan<std::string> sink) : topic_(std::move(topic)), sink_(std::move(sink)) {}
  ~Subscription() { sink_.close(); }

  void deliver(const std::string& payload) { sink_.send(topic_ + ":" + payload); }

 private:
  std::string topic_;
  chan::Chan<std::string> sink_;
};

struct Listener {
  chan::Chan<std::string> inbox = chan::make<std::string>(1);
  chan::Chan<int> seen = chan::make<int>(1);

  void start() {
    chan::go([inbox = inbox, seen = seen] {
      int n = 0;
      for (const std::string& m : inbox)
        n += m.empty() ? 0 : 1;
      seen.send(n);
    });
  }
};

int main() {
  Listener first;
  first.start();
  auto sub = std::make_unique<Subscription>("orders", first.inbox);
  for (int i = 0; i < 5; ++i)
    sub->deliver("order " + std::to_string(i));
  sub.reset();  // closes first.inbox
  const int got_first = first.seen.recv();

  Listener second;
  second.start();
  sub = std::make_unique<Subscription>("refunds", second.inbox);
  sub->deliver("refund 1");
  sub = nullptr;  // the destructor closes second.inbox
  const int got_second = second.seen.recv();

  return got_first == 5 && got_second == 1 ? 0 : 1;
}
