// corpus: goker/cockroach_10790 fixed
// origin: GoBench GoKer cockroach#10790 (blocking: communication deadlock, channel & context)
// mechanism: on cancellation beginCmds hands only the prerequisite channels it has not received from yet to the draining goroutine, so every receive is matched by the one completion signal of its command.
// run: exit0
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
  for (std::size_t i = 0; i < r.prereqs.size(); ++i) {
    bool cancelled = false;
    chan::select(chan::on_recv(r.prereqs[i], [] {}), chan::on_recv(ctx_done, [&] {
                   std::vector<chan::Chan<bool>> pending(r.prereqs.begin() + static_cast<std::ptrdiff_t>(i),
                                                         r.prereqs.end());
                   chan::go([pending] {
                     for (const chan::Chan<bool>& p : pending) p.recv();
                   });
                   cancelled = true;
                 }));
    if (cancelled) return;
  }
}

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
  std::this_thread::sleep_for(200ms);
  return 0;
}
