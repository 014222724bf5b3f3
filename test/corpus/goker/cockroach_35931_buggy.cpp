// corpus: goker/cockroach_35931 buggy
// origin: GoBench GoKer cockroach#35931 (blocking: communication deadlock, channel)
// mechanism: flow cancellation pushes a cancellation message into each inbound stream one at a time, so it blocks on the full left stream while the processor waits on the right stream for the message the canceller never gets to send.
// run: deadlock
//
// Deterministic: the left stream is full before cancellation, the processor
// only reads the left stream after the right one, and the streams are cancelled
// left first (Go's map order is random, but the canceller blocks on the left
// stream in either order).
#include <chan/chan.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

enum class Msg { row, cancelled };

class RowChannel {
 public:
  explicit RowChannel(std::size_t buf_size) : data_chan_(chan::make<Msg>(buf_size)) {}
  void push(Msg m) {
    data_chan_.send(m);  // expect: CH203
  }
  chan::RecvChan<Msg> data() const { return data_chan_; }

 private:
  chan::Chan<Msg> data_chan_;
};

struct InboundStreamInfo {
  std::shared_ptr<RowChannel> receiver;
};

class FlowRegistry {
 public:
  void register_flow(int id, std::map<int, InboundStreamInfo> inbound_streams) {
    std::lock_guard lock(mu_);
    flows_[id] = std::move(inbound_streams);
  }

  // Cancels flow `id`: every inbound stream still waiting for its producer is
  // sent a cancellation message.
  void cancel_flow(int id) {
    std::vector<std::shared_ptr<RowChannel>> timed_out;
    {
      std::lock_guard lock(mu_);
      for (auto& [stream_id, info] : flows_[id]) timed_out.push_back(info.receiver);
    }
    for (const auto& receiver : timed_out) receiver->push(Msg::cancelled);
  }

 private:
  chan::Mutex mu_;
  std::map<int, std::map<int, InboundStreamInfo>> flows_;
};

// A processor with two inputs: it reads the right input until that one is
// cancelled, then the left one.
void run_processor(chan::RecvChan<Msg> left, chan::RecvChan<Msg> right) {
  while (right.recv() != Msg::cancelled) {
  }
  while (left.recv() != Msg::cancelled) {
  }
}

int main() {
  FlowRegistry registry;
  auto left = std::make_shared<RowChannel>(1);
  auto right = std::make_shared<RowChannel>(1);
  left->push(Msg::row);  // the left input is full

  chan::WaitGroup processor_done;
  processor_done.add(1);
  chan::go([&] {
    run_processor(left->data(), right->data());
    processor_done.done();
  });

  registry.register_flow(0, {{0, {left}}, {1, {right}}});
  registry.cancel_flow(0);
  processor_done.wait();
  return 0;
}
