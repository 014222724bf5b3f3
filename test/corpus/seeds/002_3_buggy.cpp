// corpus: seeds/002_3 buggy
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), chapter 1, cyclicDeadlock
// mechanism: goroutine 1 forwards b to a and goroutine 2 forwards a to b; each first receives from the channel the other sends on, so both wait on each other forever.
// run: leak
//
// The article says "the main goroutine has no other operation -> immediate
// deadlock". Not in Go: checkdead only fires when no goroutine can run, and
// here main simply returns, which ends the program with status 0. The two
// goroutines are leaked, not reported; the exit-time leak check
// (CHAN_LEAKCHECK=1) is what shows them.
#include <chan/chan.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

void cyclic_deadlock() {
  auto a = chan::make<int>();
  auto b = chan::make<int>();
  chan::go([a, b] { a.send(b.recv()); });
  chan::go([a, b] { b.send(a.recv()); });  // expect: CH203
}

int main() {
  cyclic_deadlock();
  std::this_thread::sleep_for(100ms);  // let both block before the exit-time leak check
  return 0;
}
