// corpus: seeds/002_3 fixed
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), chapter 1, cyclicDeadlock
// mechanism: goroutine 2 sends its token on b before it waits on a, which breaks the cycle: goroutine 1 forwards it to a and both finish.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  chan::WaitGroup both;
  both.add(2);
  chan::go([a, b, &both] {
    a.send(b.recv());
    both.done();
  });
  int echoed = 0;
  chan::go([a, b, &both, &echoed] {
    b.send(1);  // speak first
    echoed = a.recv();
    both.done();
  });
  both.wait();
  std::printf("echoed %d\n", echoed);
  return echoed == 1 ? 0 : 1;
}
