// corpus: goker/cockroach_18101 buggy
// origin: GoBench GoKer cockroach#18101 (blocking: communication deadlock, channel & context)
// mechanism: restore() stops reading the spans channel once its context is cancelled, but the splitAndScatter goroutine keeps sending with a plain send, so once the buffer is full its send blocks forever.
// run: leak
//
// Deterministic: restore() consumes at most one span and the producer sends
// more than that plus the buffer's capacity.
#include <chan/chan.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

constexpr int kChanSize = 6;

void split_and_scatter(const chan::Context& /*ctx*/, chan::SendChan<bool> ready_for_import) {
  for (int i = 0; i < kChanSize + 2; ++i) {
    ready_for_import.send(i != 0);  // expect: CH201
  }
}

bool restore(const chan::Context& ctx) {
  chan::Chan<bool> ready_for_import = chan::make<bool>(kChanSize);
  chan::go([ctx, ready_for_import] {
    split_and_scatter(ctx, ready_for_import);
    ready_for_import.close();
  });
  for (bool span : ready_for_import) {
    // Importing a span waits until the job is cancelled (the kernel's only
    // way out of the loop).
    ctx.done().recv();
    return span;
  }
  return true;
}

int main() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  chan::go(cancel);
  restore(ctx);
  std::this_thread::sleep_for(200ms);  // lets the producer settle before the exit-time leak check
  return 0;
}
