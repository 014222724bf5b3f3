// corpus: goker/cockroach_10790 fixed
// origin: GoBench GoKer cockroach#10790 (blocking: channel & context)
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
  std::this_thread::sleep_for(200ms);
  return 0;
}
