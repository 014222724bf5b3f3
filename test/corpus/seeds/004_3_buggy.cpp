// corpus: seeds/004_3 buggy
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 2.3, leakyPipeline
// mechanism: the producer never closes the pipeline's input, so after the last value the pipeline goroutine's range waits forever for more input.
// run: leak
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

chan::RecvChan<int> leaky_pipeline(chan::RecvChan<int> in) {
  auto out = chan::make<int>();
  chan::go([in, out] {
    for (int v : in) {  // expect: CH202
      out.send(v * 2);
    }
    out.close();
  });
  return out;
}

int main() {
  auto in = chan::make<int>();
  chan::go([in] {
    for (int i = 1; i <= 3; ++i) in.send(i);
    // forgot in.close()
  });
  auto out = leaky_pipeline(in);
  int sum = 0;
  for (int i = 0; i < 3; ++i) sum += out.recv();  // main knows it wants three results
  std::printf("sum %d\n", sum);
  std::this_thread::sleep_for(100ms);  // let the pipeline block before the exit-time leak check
  return 0;
}
