// corpus: seeds/002_7 fixed
// origin: seed article 002 (shared/seeds/002_ec97609b056f030a.txt), section 4.4, safePipeline with errgroup.WithContext ("producers (may be several)")
// mechanism: producers never close; one closer goroutine waits for all producers and then closes once, and the channel is returned at once so the consumer runs concurrently.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>
#include <memory>

chan::RecvChan<int> safe_pipeline(const chan::Context& ctx) {
  auto ch = chan::make<int>();  // unbuffered: works because the consumer runs concurrently
  auto group = std::make_shared<chan::WaitGroup>();
  for (int first : {0, 5}) {
    group->add(1);
    chan::go([ch, ctx, first, group] {
      bool canceled = false;
      for (int i = first; i < first + 5 && !canceled; ++i) {
        chan::select(chan::on_send(ch, i, [] {}),
                     chan::on_recv(ctx.done(), [&](chan::Unit, bool) { canceled = true; }));
      }
      group->done();
    });
  }
  chan::go([ch, group] {
    group->wait();
    ch.close();  // the single close, after every producer is done
  });
  return ch;
}

int main() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  int sum = 0;
  for (int v : safe_pipeline(ctx)) sum += v;
  cancel();
  std::printf("sum %d\n", sum);
  return sum == 45 ? 0 : 1;
}
