// corpus: safe/lifecycle_virtual_stop_override
// origin: precision suite
// mechanism: a Worker base class's virtual stop() closes the input channel; a PausableWorker overrides stop() to only pause, keeping the channel open; code holding a PausableWorker& calls stop() and keeps sending, and the base's closing stop() is called once, through a base reference, on a plain Worker.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>

class Worker {
 public:
  explicit Worker(std::size_t capacity) : input(chan::make<int>(capacity)) {}
  virtual ~Worker() = default;
  virtual void stop() { input.close(); }

  int drain() {
    int sum = 0;
    for (;;) {
      bool more = false;
      chan::select(chan::on_recv(input, [&](int v, bool ok) { if (ok) { sum += v; more = true; } }),
                   chan::on_default([] {}));
      if (!more) return sum;
    }
  }

  chan::Chan<int> input;
};

class PausableWorker : public Worker {
 public:
  using Worker::Worker;
  void stop() override { paused = true; }  // keeps the queue open: resume later
  void resume() { paused = false; }
  bool paused = false;
};

void shutdown(Worker& w) { w.stop(); }

int main() {
  PausableWorker pw(4);
  pw.input.send(1);
  pw.stop();
  pw.input.send(2);  // still open: stop() only paused it
  pw.resume();
  pw.input.send(3);
  const int paused_sum = pw.drain();

  Worker plain(2);
  plain.input.send(10);
  shutdown(plain);  // the base stop(): closes
  const int plain_sum = plain.drain();

  return paused_sum == 6 && !pw.paused && plain_sum == 10 ? 0 : 1;
}
