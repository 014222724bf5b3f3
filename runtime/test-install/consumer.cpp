#include <chan/chan.hpp>

#include <cstdio>

int main() {
  chan::Chan<int> ch = chan::make<int>();
  chan::go([](chan::SendChan<int> out) {
    for (int i = 1; i <= 10; ++i) out.send(i);
    out.close();
  }, ch);
  int sum = 0;
  for (int v : ch) sum += v;
  std::printf("consumer: %d\n", sum);
  return sum == 55 ? 0 : 1;
}
