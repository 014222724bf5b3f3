// corpus: seeds/001_1 buggy
// origin: seed article 001 (shared/seeds/001_4fd10d7a3e6dea50.txt), chapter 1, main with a receiver blocked before close
// mechanism: not a bug: close wakes the receiver blocked on the channel (it gets the zero value and ok == false), so every goroutine ends and the program exits normally.
// run: exit0
//
// The article says this program "stably reproduces fatal error: all goroutines
// are asleep - deadlock!" because "closing a channel does not wake goroutines
// already blocked in recvq". The opposite is true: closechan releases every
// waiting receiver (runtime/chan.go, closechan: "release all readers"), so the
// receiver returns and main's sleep ends normally: exit status 0. (Its further
// claim that checkdead reports goroutines that are *runnable* with a non-empty
// recvq is also wrong: checkdead fires only when no goroutine can run.) A
// negative case. Instead of the article's final sleep, main waits for the
// receiver: if close did not wake it, the runtime would report a deadlock.
#include <chan/chan.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

int main() {
  auto ch = chan::make<int>(0);
  chan::WaitGroup receiver;
  receiver.add(1);
  chan::go([ch, &receiver] {
    ch.recv();  // blocks: no sender; the value is discarded
    receiver.done();
  });
  std::this_thread::sleep_for(10ms);  // the receiver is blocked by now
  ch.close();                          // wakes it
  receiver.wait();
  return 0;
}
