// corpus: goker/cockroach_24808 fixed
// origin: GoBench GoKer cockroach#24808 (blocking: communication deadlock, channel)
// mechanism: Compactor.Start() signals its capacity-1 channel with a non-blocking send (select with default), since a pending signal already says the same thing.
// run: exit0
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
  chan::Chan<chan::Unit> ch = chan::make<chan::Unit>(1);

  void start(const chan::Context& ctx, Stopper& stopper) {
    chan::select(chan::on_send(ch, chan::Unit{}, [] {}), chan::on_default([] {}));
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
  compactor.ch.send(chan::Unit{});
  compactor.start(chan::background(), stopper);
  stopper.stop();
  return 0;
}
