// corpus: seeds/004_2 fixed
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 2.1, pipeline stage; the table's "write not wrapped in select" row
// mechanism: the stage selects between sending and ctx.done() (the article's own stage), so cancellation ends it and it closes its output.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

chan::RecvChan<int> stage(chan::Context ctx, chan::RecvChan<int> in) {
  auto out = chan::make<int>();
  chan::go([ctx, in, out] {
    bool canceled = false;
    for (int v : in) {
      chan::select(chan::on_send(out, v * 2, [] {}),
                   chan::on_recv(ctx.done(), [&](chan::Unit, bool) { canceled = true; }));
      if (canceled) break;  // Go: return from inside the select
    }
    out.close();
  });
  return out;
}

int main() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  auto in = chan::make<int>(5);
  for (int i = 1; i <= 5; ++i) in.send(i);
  in.close();
  auto out = stage(ctx, in);
  auto [first, ok] = out.recv_ok();
  std::printf("first result %d %d; cancelling\n", first, ok);
  cancel();
  int late = 0;
  for (int v : out) {  // ends when the stage notices the cancellation and closes
    (void)v;
    ++late;
  }
  std::printf("%d late results\n", late);
  return 0;
}
