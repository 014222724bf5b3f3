// corpus: goker/cockroach_35073 fixed
// origin: GoBench GoKer cockroach#35073 (blocking: communication deadlock, channel)
// mechanism: the outbox always calls ConsumerClosed() on its RowChannel when it exits, which frees a blocked producer and makes later pushes return without sending.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <cstdint>

enum class ConsumerStatus : std::uint32_t { need_more_rows, drain_requested, consumer_closed };

constexpr int kRowChannelBufSize = 16;
constexpr int kOutboxBufRows = 16;

using RowChannelMsg = int;

class RowChannel {
 public:
  void init() { data_chan_ = chan::make<RowChannelMsg>(kRowChannelBufSize); }

  void consumer_closed() {
    status_.store(ConsumerStatus::consumer_closed);
    chan::select(chan::on_recv(data_chan_, [] {}), chan::on_default([] {}));
  }

  ConsumerStatus push() {
    ConsumerStatus status = status_.load();
    if (status == ConsumerStatus::need_more_rows) {
      data_chan_.send(RowChannelMsg{0});
    }
    return status;
  }

 private:
  std::atomic<ConsumerStatus> status_{ConsumerStatus::need_more_rows};
  chan::Chan<RowChannelMsg> data_chan_;
};

class Outbox {
 public:
  void init() { rows_.init(); }
  RowChannel& rows() { return rows_; }

  void start(chan::WaitGroup& wg) {
    wg.add(1);
    chan::go([this, &wg] { run(wg); });
  }

 private:
  void run(chan::WaitGroup& wg) {
    main_loop();
    rows_.consumer_closed();
    wg.done();
  }
  void main_loop() {}

  RowChannel rows_;
};

int main() {
  Outbox outbox;
  outbox.init();
  for (int i = 0; i < kOutboxBufRows; ++i) outbox.rows().push();

  chan::WaitGroup blocked_pusher;
  blocked_pusher.add(1);
  chan::go([&] {
    outbox.rows().push();
    blocked_pusher.done();
  });

  chan::WaitGroup outbox_done;
  outbox.start(outbox_done);
  outbox_done.wait();
  outbox.rows().push();
  blocked_pusher.wait();
  return 0;
}
