// corpus: goker/cockroach_35931 fixed
// origin: GoBench GoKer cockroach#35931 (blocking: communication deadlock, channel)
// mechanism: flow cancellation pushes the cancellation message into each inbound stream from its own goroutine, so a full stream no longer keeps the others from being cancelled.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

enum class Msg { row, cancelled };

class RowChannel {
 public:
  explicit RowChannel(std::size_t buf_size) : data_chan_(chan::make<Msg>(buf_size)) {}
  void push(Msg m) { data_chan_.send(m); }
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

  void cancel_flow(int id) {
    std::vector<std::shared_ptr<RowChannel>> timed_out;
    {
      std::lock_guard lock(mu_);
      for (auto& [stream_id, info] : flows_[id]) timed_out.push_back(info.receiver);
    }
    chan::WaitGroup pushed;
    pushed.add(static_cast<int>(timed_out.size()));
    for (const auto& receiver : timed_out) {
      chan::go([receiver, &pushed] {
        receiver->push(Msg::cancelled);
        pushed.done();
      });
    }
    pushed.wait();
  }

 private:
  chan::Mutex mu_;
  std::map<int, std::map<int, InboundStreamInfo>> flows_;
};

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
  left->push(Msg::row);

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
