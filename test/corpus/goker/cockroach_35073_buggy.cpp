// corpus: goker/cockroach_35073 buggy
// origin: GoBench GoKer cockroach#35073 (blocking: communication deadlock, channel)
// mechanism: the outbox can fail during startup and exit without calling ConsumerClosed() on its RowChannel, so producers keep seeing NeedMoreRows and block forever sending into the full row buffer.
// run: deadlock
//
// Deterministic: the buffer is filled before the outbox starts and nothing
// ever receives from it.
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

  // Marks the consumer gone and frees one slot for a producer blocked in push().
  void consumer_closed() {
    status_.store(ConsumerStatus::consumer_closed);
    chan::select(chan::on_recv(data_chan_, [] {}), chan::on_default([] {}));
  }

  ConsumerStatus push() {
    ConsumerStatus status = status_.load();
    if (status == ConsumerStatus::need_more_rows) {
      data_chan_.send(RowChannelMsg{0});  // expect: CH201
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
    wg.done();
  }
  void main_loop() {
    // Fails during startup (e.g. it cannot dial the consumer) and returns.
  }

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
  return 0;
}
