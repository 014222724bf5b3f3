// corpus: seeds/004_4 buggy
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 2.5, goodReceiver ("safe: explicitly coordinate the close")
// mechanism: the article's "good" receiver closes the channel it receives from when done fires; the sender, still blocked in its send, is woken by the close and panics.
// run: panic: send on closed channel
//
// The article presents goodReceiver (`defer close(ch)` in the receiver) as the
// fix. It is itself a bug: a receiver cannot know whether senders are still
// sending; closing from the receive side makes their sends panic (closechan
// wakes blocked senders, which then panic "send on closed channel"). The
// article's code also would not compile: its ch is a receive-only `<-chan int`,
// which cannot be closed. Forced interleaving: the sender is already blocked
// in its send when the close happens (no reader ever takes the value).
#include <chan/chan.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

void good_receiver(chan::Chan<int> ch, chan::RecvChan<chan::Unit> done) {
  done.recv();  // wait for the shutdown signal
  ch.close();   // Go: defer close(ch), on the receiving side
}

int main() {
  auto ch = chan::make<int>();
  auto done = chan::make<chan::Unit>();
  chan::go([ch] {
    ch.send(1);  // expect: CH101
  });
  chan::go([done] {
    std::this_thread::sleep_for(20ms);  // the sender is blocked by now
    done.close();
  });
  good_receiver(ch, done);
  std::this_thread::sleep_for(500ms);  // the woken sender panics meanwhile
  return 0;
}
