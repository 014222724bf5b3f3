// corpus: safe/lifecycle_remake_private_helper
// origin: precision suite
// mechanism: a Mailbox's reset() closes its queue (waking the current reader, which drains and stops) and then calls a private helper that re-makes the member with chan::make, so every later send and close in reset()'s caller goes to the new, open channel.
// run: exit0
#include <chan/chan.hpp>

#include <string>
#include <vector>

class Mailbox {
 public:
  explicit Mailbox(std::size_t capacity) : capacity_(capacity) { reopen(); }

  void post(std::string msg) { queue_.send(std::move(msg)); }

  // Ends the current generation: the reader of the old queue sees the close
  // after draining it; new posts go to a fresh queue.
  void reset() {
    queue_.close();
    ++generation_;
    reopen();
  }

  chan::RecvChan<std::string> queue() const { return queue_; }
  int generation() const { return generation_; }

 private:
  void reopen() { queue_ = chan::make<std::string>(capacity_); }

  std::size_t capacity_;
  chan::Chan<std::string> queue_;
  int generation_ = 0;
};

int drain(chan::RecvChan<std::string> q) {
  int n = 0;
  for (const std::string& m : q)
    n += m.empty() ? 0 : 1;
  return n;
}

int main() {
  Mailbox box(8);
  std::vector<int> per_generation;

  for (int round = 0; round < 3; ++round) {
    auto current = box.queue();
    for (int i = 0; i <= round; ++i)
      box.post("round " + std::to_string(round));
    box.reset();
    per_generation.push_back(drain(current));
  }

  box.post("after the last reset");  // the fresh queue is open
  box.reset();
  box.reset();  // each reset closes a different channel

  return per_generation == std::vector<int>{1, 2, 3} && box.generation() == 5 ? 0 : 1;
}
