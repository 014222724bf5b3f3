// corpus: seeds/000_6 fixed
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 2.4, demoUnclosedEmptyRead
// mechanism: the receive is bounded by a timeout case (the article's third row, select + time.After), so it returns when nobody sends.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

int main() {
  auto ch = chan::make<int>(0);
  bool timed_out = false;
  chan::select(
      chan::on_recv(ch, [](int v, bool ok) { std::printf("%d %d\n", v, ok); }),
      chan::on_recv(chan::after(20ms),
                    [&](std::chrono::steady_clock::time_point, bool) { timed_out = true; }));
  std::puts(timed_out ? "timed out" : "received");
  return timed_out ? 0 : 1;
}
