// corpus: seeds/004_5 fixed
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 2.5, badReceiver ("receiver exits early")
// mechanism: the sender selects between its send and the same done signal, so it stops when the receiver has gone.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

void bad_receiver(chan::RecvChan<int> ch, chan::RecvChan<chan::Unit> done) {
  (void)ch;  // still never received from: the sender copes
  chan::select(chan::on_recv(done, [](chan::Unit, bool) { std::puts("receiver done"); }));
}

int main() {
  auto ch = chan::make<int>();
  auto done = chan::make<chan::Unit>();
  chan::WaitGroup sender;
  sender.add(1);
  chan::go([ch, done, &sender] {
    chan::select(chan::on_send(ch, 1, [] {}),
                 chan::on_recv(done, [](chan::Unit, bool) { std::puts("sender stopped"); }));
    sender.done();
  });
  done.close();
  bad_receiver(ch, done);
  sender.wait();
  return 0;
}
