// corpus: seeds/002_7 buggy
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 4.4, safePipeline with errgroup.WithContext ("producers (may be several)")
// mechanism: every producer closes the shared output channel when it finishes, so with two producers the second close panics.
// run: panic: close of closed channel
//
// The article claims "defer close(ch) is guaranteed by errgroup to run only
// once". errgroup does no such thing: it waits for its goroutines and keeps the
// first error; each producer's deferred close runs, and the second one panics.
// (Its pipeline also calls g.Wait() before returning the channel, so no
// consumer can start until the producers finish: it works only because all
// values fit in the buffer.) errgroup becomes a WaitGroup plus a context here.
// Forced interleaving: both producers finish sending before either closes, so
// the failure is always the second close (otherwise a producer could instead
// hit "send on closed channel", the same bug seen from the other side).
#include <chan/chan.hpp>

#include <cstdio>

chan::RecvChan<int> safe_pipeline(const chan::Context& ctx) {
  auto ch = chan::make<int>(10);
  chan::WaitGroup all_sent;  // forces the interleaving described above
  all_sent.add(2);
  chan::WaitGroup group;
  for (int first : {0, 5}) {
    group.add(1);
    chan::go([ch, ctx, first, &all_sent, &group] {
      bool canceled = false;
      for (int i = first; i < first + 5 && !canceled; ++i) {
        chan::select(chan::on_send(ch, i, [] {}),
                     chan::on_recv(ctx.done(), [&](chan::Unit, bool) { canceled = true; }));
      }
      all_sent.done();
      all_sent.wait();
      ch.close();  // expect: CH102
      group.done();
    });
  }
  group.wait();  // Go: g.Wait() before returning the channel
  return ch;
}

int main() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  int sum = 0;
  for (int v : safe_pipeline(ctx)) sum += v;
  cancel();
  std::printf("sum %d\n", sum);
  return 0;
}
