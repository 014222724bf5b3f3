// corpus: seeds/000_9 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 3.2, riskyRead
// mechanism: the read also selects on ctx.done(), so cancellation ends the wait at once.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

enum class ReadResult { value, timeout, canceled };

ReadResult careful_read(const chan::Context& ctx, chan::RecvChan<int> ch) {
  ReadResult result = ReadResult::timeout;
  chan::select(
      chan::on_recv(ch, [&](int v, bool ok) {
        if (ok) std::printf("read %d\n", v);
        result = ReadResult::value;
      }),
      chan::on_recv(ctx.done(), [&](chan::Unit, bool) { result = ReadResult::canceled; }),
      chan::on_recv(chan::after(300ms),
                    [&](std::chrono::steady_clock::time_point, bool) { result = ReadResult::timeout; }));
  return result;
}

int main() {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  auto data = chan::make<int>();  // nobody sends: the upstream is gone
  chan::go([cancel] {
    std::this_thread::sleep_for(10ms);
    cancel();
  });
  ReadResult result = careful_read(ctx, data);
  std::printf("careful_read: %s (%s)\n", result == ReadResult::canceled ? "canceled" : "not canceled",
              chan::to_string(ctx.err()));
  return result == ReadResult::canceled ? 0 : 1;
}
