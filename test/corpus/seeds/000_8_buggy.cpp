// corpus: seeds/000_8 buggy
// origin: seed article 000 (shared/seeds/000_ada60331e4f77380.txt), section 3.1, "select default branch masks a closed channel"
// mechanism: not a bug: a receive case on a closed channel is always ready, so select takes it (zero value, ok == false) and never runs default.
// run: exit0
//
// The article claims that with the channel closed "default would execute
// first, masking the real state" and prints "channel busy". In Go, default runs
// only when no other case is ready (Go spec, "Select statements"), and a
// receive from a closed channel is always ready (runtime/select.go, label
// rclose). The receive case is taken every time. A negative case; the program
// checks that the receive case, with ok == false, was taken.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto ch = chan::make<int>(1);
  ch.close();
  bool saw_close = false;
  chan::select(
      chan::on_recv(ch,
                    [&](int x, bool ok) {
                      std::printf("received %d, closed? %s\n", x, ok ? "false" : "true");
                      saw_close = !ok;
                    }),
      chan::on_default([] { std::puts("channel busy"); }));
  return saw_close ? 0 : 1;
}
