// corpus: goker/cockroach_24808 buggy
// origin: GoBench GoKer cockroach#24808 (blocking: communication deadlock, channel)
// mechanism: Compactor.Start() signals its capacity-1 channel with a blocking send before it starts the worker that drains it, so when a suggestion is already pending the send blocks forever.
// run: deadlock
#include <chan/chan.hpp>

#include <functional>

class Stopper {
 public:
  void run_worker(const chan::Context& ctx, std::function<void(const chan::Context&)> f) {
    workers_.add(1);
    chan::go([this, ctx, f = std::move(f)] {
      f(ctx);
      workers_.done();
    });
  }
  chan::RecvChan<chan::Unit> should_stop() const { return stopper_; }
  void stop() {
    stopper_.close();
    workers_.wait();
  }

 private:
  chan::Chan<chan::Unit> stopper_ = chan::make<chan::Unit>();
  chan::WaitGroup workers_;
};

struct Compactor {
  chan::Chan<chan::Unit> ch = chan::make<chan::Unit>(1);  // "there are suggestions to process"

  void start(const chan::Context& ctx, Stopper& stopper) {
    ch.send(chan::Unit{});  // expect: CH201
    stopper.run_worker(ctx, [this, &stopper](const chan::Context&) {
      for (;;) {
        bool stopping = false;
        chan::select(chan::on_recv(stopper.should_stop(), [&] { stopping = true; }), chan::on_recv(ch, [] {}));
        if (stopping) return;
      }
    });
  }
};

int main() {
  Stopper stopper;
  Compactor compactor;
  compactor.ch.send(chan::Unit{});  // a suggestion arrives before Start
  compactor.start(chan::background(), stopper);
  stopper.stop();
  return 0;
}
