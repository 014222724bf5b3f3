// corpus: seeds/004_2 buggy
// origin: seed article 004 (shared/seeds/004_f63ad224bec43e42.txt), section 2.1, pipeline stage; the table's "write not wrapped in select" row
// mechanism: the stage sends each result with a plain send and never looks at ctx.done(); after the consumer cancels and stops reading, the stage's next send blocks forever.
// run: leak
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

chan::RecvChan<int> stage(chan::Context ctx, chan::RecvChan<int> in) {
  auto out = chan::make<int>();
  chan::go([ctx, in, out] {
    (void)ctx;  // the bug: cancellation is never consulted
    for (int v : in) {
      out.send(v * 2);  // expect: CH201
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
  cancel();  // the consumer is done and stops reading
  std::this_thread::sleep_for(100ms);  // let the stage block before the exit-time leak check
  return 0;
}
