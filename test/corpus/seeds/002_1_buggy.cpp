// corpus: seeds/002_1 buggy
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), chapter 1, "one-way channel closed out of order in a container" main.go
// mechanism: the channel is closed before any value is sent; the receiver's plain receive returns the zero value at once and prints it as if it were data.
// run: exit0
//
// The article claims the receiver "waits forever (a nil channel would panic; a
// closed channel can be read once and then blocks)", that the program then
// deadlocks and is killed with exit code 137. Every part is wrong: a receive
// on a nil channel blocks (never panics), and a receive on a closed, empty
// channel returns the zero value immediately, as often as it is called. The
// program prints 0 and exits 0. The claimed deadlock is not real; the real
// defect is the 0 printed as a received value.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(1);
  ch.close();  // too early: nothing was sent
  chan::WaitGroup receiver;
  receiver.add(1);
  chan::go([ch, &receiver] {
    std::printf("%d\n", ch.recv());  // expect: CH105
    receiver.done();
  });
  receiver.wait();  // the article sleeps one second instead
  return 0;
}
