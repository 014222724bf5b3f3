// corpus: seeds/000_11 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 4.3, safeSend (and chapter 1 table's remedy `select { case ch <- x: default: }`)
// mechanism: the consumer closes the data channel when it shuts down; the producer's "safe" select-with-default send then panics, because a send case on a closed channel is ready and panics.
// run: panic: send on closed channel
//
// The article claims the default branch "captures non-blocking send failure"
// and counts it as "channel closed before read". In Go, a send case on a
// closed channel is not skipped: select picks it and panics "send on closed
// channel" (runtime/select.go, label sclose). default only means "no case
// ready". Forced interleaving: the second send happens after the close.
#include <chan/chan.hpp>

#include <atomic>
#include <cstdio>

std::atomic<int> closed_before_read_total{0};

bool safe_send(chan::Chan<int> ch, int value) {
  bool sent = false;
  chan::select(chan::on_send(ch, value, [&] { sent = true; }),  // panics when ch is closed: reported at the call below
               chan::on_default([] { ++closed_before_read_total; }));
  return sent;
}

int main() {
  auto ch = chan::make<int>(1);
  auto consumer_gone = chan::make<chan::Unit>();
  chan::go([ch, consumer_gone]() {
    std::printf("consumed %d\n", ch.recv());
    ch.close();  // the consumer shuts down and closes the channel it reads
    consumer_gone.close();
  });
  safe_send(ch, 1);
  consumer_gone.recv();
  safe_send(ch, 2);  // expect: CH101
  std::printf("dropped %d\n", closed_before_read_total.load());
  return 0;
}
