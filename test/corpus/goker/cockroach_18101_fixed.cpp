// corpus: goker/cockroach_18101 fixed
// origin: GoBench GoKer cockroach#18101 (blocking: communication deadlock, channel & context)
// mechanism: splitAndScatter sends each span in a select that also watches the context, so it returns (and closes the channel) once restore() has given up.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

constexpr int kChanSize = 6;

void split_and_scatter(const chan::Context& ctx, chan::SendChan<bool> ready_for_import) {
  for (int i = 0; i < kChanSize + 2; ++i) {
    bool cancelled = false;
    chan::select(chan::on_send(ready_for_import, i != 0, [] {}),
                 chan::on_recv(ctx.done(), [&] { cancelled = true; }));
    if (cancelled) return;
  }
}

bool restore(const chan::Context& ctx) {
  chan::Chan<bool> ready_for_import = chan::make<bool>(kChanSize);
  chan::go([ctx, ready_for_import] {
    split_and_scatter(ctx, ready_for_import);
    ready_for_import.close();
  });
  for (bool span : ready_for_import) {
    ctx.done().recv();
    return span;
  }
  return true;
}

int main() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  chan::go(cancel);
  restore(ctx);
  std::this_thread::sleep_for(200ms);
  return 0;
}
