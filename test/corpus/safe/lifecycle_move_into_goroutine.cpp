// corpus: safe/lifecycle_move_into_goroutine
// origin: precision suite
// mechanism: the spawner hands the send side of a channel to the producer goroutine with std::move (its own handle becomes nil and is never used again) and keeps a RecvChan copied before the move; the producer is the only holder of a sending handle, so it closes after its last send; a moved-from handle is then re-made before reuse.
// run: exit0
#include <chan/chan.hpp>

#include <utility>

void produce_primes(chan::Chan<int> out, int limit) {
  for (int n = 2; n <= limit; ++n) {
    bool prime = true;
    for (int d = 2; d * d <= n; ++d)
      if (n % d == 0) prime = false;
    if (prime) out.send(n);
  }
  out.close();
}

int count(chan::RecvChan<int> in) {
  int n = 0;
  for (int v : in)
    n += v > 1 ? 1 : 0;
  return n;
}

int main() {
  auto tx = chan::make<int>(2);
  chan::RecvChan<int> rx = tx;
  chan::go(produce_primes, std::move(tx), 30);
  const int first = count(rx);

  tx = chan::make<int>(2);  // a fresh channel in the moved-from handle
  rx = tx;
  chan::go([out = std::move(tx)] { produce_primes(out, 10); });
  const int second = count(rx);

  return first == 10 && second == 4 ? 0 : 1;
}
