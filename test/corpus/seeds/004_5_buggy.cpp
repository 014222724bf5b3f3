// corpus: seeds/004_5 buggy
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 2.5, badReceiver ("receiver exits early")
// mechanism: the receiver returns on the done signal without receiving; the sender's unbuffered send then has no receiver and blocks forever.
// run: leak
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

void bad_receiver(chan::RecvChan<int> ch, chan::RecvChan<chan::Unit> done) {
  (void)ch;  // never received from
  chan::select(chan::on_recv(done, [](chan::Unit, bool) { std::puts("receiver done"); }));
}

int main() {
  auto ch = chan::make<int>();
  auto done = chan::make<chan::Unit>();
  chan::go([ch] {
    ch.send(1);  // expect: CH201
  });
  done.close();
  bad_receiver(ch, done);
  std::this_thread::sleep_for(100ms);  // the sender is blocked: the exit-time leak check sees it
  return 0;
}
