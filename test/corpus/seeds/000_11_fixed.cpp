// corpus: seeds/000_11 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 4.3, safeSend (and chapter 1 table's remedy `select { case ch <- x: default: }`)
// mechanism: the consumer signals shutdown on its own done channel instead of closing the data channel; the producer's send selects on done and counts a drop.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

int dropped_total = 0;

bool safe_send(chan::Chan<int> ch, chan::RecvChan<chan::Unit> consumer_gone, int value) {
  bool sent = false;
  chan::select(chan::on_send(ch, value, [&] { sent = true; }),
               chan::on_recv(consumer_gone, [](chan::Unit, bool) {}));
  if (!sent) ++dropped_total;
  return sent;
}

int main() {
  auto ch = chan::make<int>(1);
  auto consumer_gone = chan::make<chan::Unit>();
  chan::go([ch, consumer_gone]() {
    auto [v, ok] = ch.recv_ok();
    if (ok) std::printf("consumed %d\n", v);
    consumer_gone.close();  // shut down without touching the data channel
  });
  safe_send(ch, consumer_gone, 1);
  consumer_gone.recv();
  safe_send(ch, consumer_gone, 2);  // buffer is free: either case may be taken
  safe_send(ch, consumer_gone, 3);  // buffer is full: only consumer_gone is ready
  std::printf("dropped %d\n", dropped_total);
  return dropped_total >= 1 ? 0 : 1;
}
