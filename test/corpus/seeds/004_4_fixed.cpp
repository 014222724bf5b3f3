// corpus: seeds/004_4 fixed
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 2.5, goodReceiver ("safe: explicitly coordinate the close")
// mechanism: the receiver only signals shutdown; the sender selects between its send and the shutdown signal and, as the only sender, closes its own channel.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

int main() {
  auto ch = chan::make<int>();
  auto done = chan::make<chan::Unit>();
  chan::WaitGroup sender;
  sender.add(1);
  chan::go([ch, done, &sender] {
    bool stopped = false;
    chan::select(chan::on_send(ch, 1, [] {}),
                 chan::on_recv(done, [&](chan::Unit, bool) { stopped = true; }));
    std::puts(stopped ? "sender stopped" : "sent");
    ch.close();  // the sender owns the close
    sender.done();
  });
  std::this_thread::sleep_for(20ms);
  done.close();  // the receiver's shutdown signal
  sender.wait();
  return 0;
}
