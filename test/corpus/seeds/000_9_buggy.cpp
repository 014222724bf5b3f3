// corpus: seeds/000_9 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 3.2, riskyRead
// mechanism: the read waits on its data channel and a fixed timeout but not on ctx.Done(), so a cancelled caller still waits the whole timeout.
// run: exit0
//
// A real bug, but a bounded one: the goroutine is not blocked forever (the
// timeout fires), it ignores cancellation and returns late. None of the rules
// in docs/rule-ids.md describes a bounded wait, so nothing is expected here;
// the program shows the delay (the article's 5 s timeout is shortened to
// 300 ms so the corpus runs fast).
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

enum class ReadResult { value, timeout, canceled };

ReadResult risky_read(const chan::Context& ctx, chan::RecvChan<int> ch) {
  (void)ctx;  // the bug: the context is never consulted
  ReadResult result = ReadResult::timeout;
  chan::select(
      chan::on_recv(ch, [&](int v, bool ok) {
        if (ok) std::printf("read %d\n", v);
        result = ReadResult::value;
      }),
      chan::on_recv(chan::after(300ms),
                    [&](std::chrono::steady_clock::time_point, bool) { result = ReadResult::timeout; }));
  return result;
}

int main() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  auto data = chan::make<int>();  // nobody sends: the upstream is gone
  auto start = std::chrono::steady_clock::now();
  chan::go([cancel] {
    std::this_thread::sleep_for(10ms);
    cancel();  // the caller gives up after 10 ms
  });
  ReadResult result = risky_read(ctx, data);
  auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::printf("risky_read returned %s after %lld ms (cancelled at 10 ms)\n",
              result == ReadResult::timeout ? "timeout" : "early",
              static_cast<long long>(waited.count()));
  return 0;
}
