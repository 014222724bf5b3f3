// corpus: goker/cockroach_10790 buggy
// origin: GoBench GoKer cockroach#10790 (blocking: channel & context)
// mechanism: when its context is cancelled, beginCmds hands the waiting over to a goroutine that receives from every prerequisite channel, including the one it already drained itself, so that goroutine blocks forever on a channel that will never get a second value.
// run: leak
//
// Each prerequisite command signals its completion once, into a channel of
// capacity 1.  The sleeps force the interleaving: the first command completes
// at once, the context is cancelled at 50 ms while beginCmds waits for the
// second, which completes at 100 ms.
#include <chan/chan.hpp>

#include <chrono>
#include <cstddef>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

struct Replica {
  std::vector<chan::Chan<bool>> prereqs;
};

void begin_cmds(const Replica& r, const chan::Context& ctx) {
  chan::RecvChan<chan::Unit> ctx_done = ctx.done();
  for (const chan::Chan<bool>& ch : r.prereqs) {
    bool cancelled = false;
    chan::select(chan::on_recv(ch, [] {}), chan::on_recv(ctx_done, [&] {
                   // Do not wait for the prerequisites here, but still drain
                   // their channels in the background.
                   chan::go([prereqs = r.prereqs] {
                     for (const chan::Chan<bool>& p : prereqs) p.recv();  // expect: CH202
                   });
                   cancelled = true;
                 }));
    if (cancelled) return;
  }
}

// The in-flight commands: each completes once, independently of the waiter.
void run_commands(const Replica& r) {
  r.prereqs[0].send(true);
  std::this_thread::sleep_for(100ms);
  r.prereqs[1].send(true);
}

int main() {
  Replica r{{chan::make<bool>(1), chan::make<bool>(1)}};
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  chan::go(run_commands, r);
  chan::go([cancel = cancel] {
    std::this_thread::sleep_for(50ms);
    cancel();
  });
  begin_cmds(r, ctx);
  std::this_thread::sleep_for(200ms);  // lets the commands finish before the exit-time leak check
  return 0;
}
