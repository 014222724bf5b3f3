// corpus: seeds/002_1 fixed
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), chapter 1, "one-way channel closed out of order in a container" main.go
// mechanism: the sender sends its value and closes afterwards; the receiver ranges, so it prints only real values and stops at the close.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(1);
  chan::WaitGroup receiver;
  receiver.add(1);
  int received = 0;
  chan::go([ch, &receiver, &received] {
    for (int v : ch) {
      std::printf("%d\n", v);
      ++received;
    }
    receiver.done();
  });
  ch.send(7);
  ch.close();  // after the last send
  receiver.wait();
  return received == 1 ? 0 : 1;
}
