// corpus: safe/blocking_generator_done_channel
// origin: precision suite
// mechanism: an infinite Fibonacci generator sends each value in a select with its `done` channel; the consumer takes the first N values, closes done, and waits for the generator's WaitGroup, so the generator's blocked send is released by the close instead of leaking.
// run: exit0
#include <chan/chan.hpp>

#include <cstdint>
#include <vector>

struct Generator {
  chan::Chan<std::uint64_t> values = chan::make<std::uint64_t>();
  chan::Chan<chan::Unit> done = chan::make<chan::Unit>();
  chan::WaitGroup wg;

  void start() {
    wg.add(1);
    chan::go([this] {
      std::uint64_t a = 0, b = 1;
      for (bool more = true; more;) {
        chan::select(chan::on_send(values, a, [&] {
                       const std::uint64_t next = a + b;
                       a = b;
                       b = next;
                     }),
                     chan::on_recv(done, [&] { more = false; }));
      }
      wg.done();
    });
  }

  std::vector<std::uint64_t> take(int n) {
    std::vector<std::uint64_t> out;
    for (int i = 0; i < n; ++i)
      out.push_back(values.recv());
    return out;
  }

  void stop() {
    done.close();
    wg.wait();
  }
};

int main() {
  Generator gen;
  gen.start();
  const auto first = gen.take(10);
  gen.stop();
  return first.size() == 10 && first[9] == 34 ? 0 : 1;
}
