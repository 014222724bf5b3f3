// corpus: safe/lifecycle_try_send_default
// origin: precision suite
// mechanism: a metrics Sampler publishes with a non-blocking send (select with on_default drops the sample when the buffer is full, as Go's `select { case ch <- v: default: }`); the sampler is the only sender and closes the channel after its loop, and the collector drains until the close.
// run: exit0
#include <chan/chan.hpp>

#include <cstdint>

class Sampler {
 public:
  explicit Sampler(chan::Chan<std::int64_t> out) : out_(std::move(out)) {}

  bool offer(std::int64_t value) {
    bool accepted = false;
    chan::select(chan::on_send(out_, value, [&] { accepted = true; }),
                 chan::on_default([&] { ++dropped_; }));
    return accepted;
  }

  void run(int samples) {
    for (int i = 0; i < samples; ++i)
      offer(i * 10);
    out_.close();
  }

  int dropped() const { return dropped_; }

 private:
  chan::Chan<std::int64_t> out_;
  int dropped_ = 0;
};

int main() {
  auto samples = chan::make<std::int64_t>(8);
  Sampler sampler(samples);
  auto done = chan::make<int>(1);

  chan::go([&sampler, done] {
    sampler.run(100);
    done.send(sampler.dropped());
  });

  int received = 0;
  for (std::int64_t v : samples)
    received += v >= 0 ? 1 : 0;
  const int dropped = done.recv();
  return received + dropped == 100 && received >= 8 ? 0 : 1;
}
