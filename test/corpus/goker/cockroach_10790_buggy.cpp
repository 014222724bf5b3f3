// corpus: goker/cockroach_10790 buggy
// origin: GoBench GoKer cockroach#10790 (blocking: communication deadlock, channel & context)
// mechanism: when its context is cancelled, beginCmds hands the waiting over to a goroutine that receives from every prerequisite channel, including the one it already drained itself, so that goroutine blocks forever on a channel that will never get a second value.
// run: leak
//
// Each prerequisite command signals its completion once, into a channel of
// capacity 1.  The interleaving is forced: the first command has completed
// before beginCmds starts, the context is cancelled as soon as beginCmds has
// taken that signal, and the second command completes 50 ms after the
// cancellation, so beginCmds sees only the cancellation while it waits.
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

// The second prerequisite command completes (once) while beginCmds is waiting.
void run_second_command(const Replica& r, const chan::Context& waiter_ctx) {
  waiter_ctx.done().recv();  // forces the interleaving: completes only after the cancellation
  std::this_thread::sleep_for(50ms);
  r.prereqs[1].send(true);
}

int main() {
  Replica r{{chan::make<bool>(1), chan::make<bool>(1)}};
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  r.prereqs[0].send(true);  // the first prerequisite has already completed
  chan::go(run_second_command, r, ctx);
  chan::go([r, cancel = cancel] {
    // Forces the interleaving: cancels once beginCmds has taken the first signal.
    while (r.prereqs[0].len() != 0) std::this_thread::yield();
    cancel();
  });
  begin_cmds(r, ctx);
  std::this_thread::sleep_for(200ms);  // lets the second command finish before the exit-time leak check
  return 0;
}
