// corpus: goker/cockroach_1462 buggy
// origin: GoBench GoKer cockroach#1462 (blocking: mixed deadlock, channel & WaitGroup)
// mechanism: the transport worker checks the stopper only in a select with a default branch and then sends its event with a plain blocking send; once the event consumer has returned on stop, that send blocks forever and Stop() waits forever on the worker WaitGroup.
// run: deadlock
//
// Building an event takes time (the sleep in make_event); Stop() is called
// while the worker is in there, which forces the interleaving: the consumer
// has already returned when the worker reaches its send.
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <thread>

using namespace std::chrono_literals;

class Stopper {
 public:
  void run_worker(std::function<void()> f) {
    workers_.add(1);
    chan::go([this, f = std::move(f)] {
      f();
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

using InterceptMessage = int;

InterceptMessage make_event() {
  std::this_thread::sleep_for(100ms);
  return 0;
}

struct LocalInterceptableTransport {
  chan::Chan<InterceptMessage> events = chan::make<InterceptMessage>();
  Stopper* stopper;

  void start() {
    stopper->run_worker([this] {
      for (;;) {
        bool stopping = false;
        chan::select(chan::on_recv(stopper->should_stop(), [&] { stopping = true; }),
                     chan::on_default([&] {
                       InterceptMessage msg = make_event();
                       events.send(msg);  // expect: CH201
                     }));
        if (stopping) return;
      }
    });
  }
};

void process_events_until(chan::RecvChan<InterceptMessage> events, chan::RecvChan<chan::Unit> stop) {
  for (;;) {
    bool done = false;
    chan::select(chan::on_recv(events, [&](InterceptMessage, bool ok) { done = !ok; }),
                 chan::on_recv(stop, [&] { done = true; }));
    if (done) return;
  }
}

int main() {
  Stopper stopper;
  LocalInterceptableTransport transport{.stopper = &stopper};
  transport.start();
  stopper.run_worker([&] { process_events_until(transport.events, stopper.should_stop()); });
  std::this_thread::sleep_for(20ms);
  stopper.stop();
  return 0;
}
