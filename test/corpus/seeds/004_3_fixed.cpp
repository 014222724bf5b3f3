// corpus: seeds/004_3 fixed
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 2.3, leakyPipeline
// mechanism: the producer closes the input after its last value, so the pipeline's range ends, it closes its output, and the consumer's range ends too.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

chan::RecvChan<int> pipeline(chan::RecvChan<int> in) {
  auto out = chan::make<int>();
  chan::go([in, out] {
    for (int v : in) {
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
    in.close();
  });
  int sum = 0;
  for (int v : pipeline(in)) sum += v;
  std::printf("sum %d\n", sum);
  return sum == 12 ? 0 : 1;
}
