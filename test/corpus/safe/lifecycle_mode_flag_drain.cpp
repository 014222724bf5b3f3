// corpus: safe/lifecycle_mode_flag_drain
// origin: precision suite
// mechanism: finish_batch(drain) either closes the work channel (drain mode: no more work, the worker exits after the buffered items) or sends a sentinel to ask for one more round, selected by the same bool parameter, which is never reassigned between the two tests, so the close and the send are on exclusive paths.
// run: exit0
#include <chan/chan.hpp>

#include <vector>

constexpr int kMoreWork = -1;

// Ends a batch: in drain mode close the queue, otherwise ask for another round.
void finish_batch(chan::Chan<int> work, bool drain) {
  if (drain)
    work.close();
  if (!drain)
    work.send(kMoreWork);
}

struct Totals {
  int items = 0;
  int rounds = 0;
};

Totals run_worker(chan::Chan<int> work) {
  Totals t;
  for (int v : work) {
    if (v == kMoreWork)
      ++t.rounds;
    else
      t.items += v;
  }
  return t;
}

int main() {
  const std::vector<std::vector<int>> batches{{1, 2}, {3}, {4, 5, 6}};
  auto work = chan::make<int>(8);
  auto result = chan::make<Totals>(1);
  chan::go([work, result] { result.send(run_worker(work)); });

  for (std::size_t b = 0; b < batches.size(); ++b) {
    for (int item : batches[b])
      work.send(item);
    const bool last = b + 1 == batches.size();
    finish_batch(work, last);
  }

  Totals t = result.recv();
  return t.items == 21 && t.rounds == 2 ? 0 : 1;
}
