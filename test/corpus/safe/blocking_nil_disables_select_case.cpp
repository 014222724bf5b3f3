// corpus: safe/blocking_nil_disables_select_case
// origin: precision suite
// mechanism: merging two sorted streams in one goroutine with select: when an input closes, its handle is set to a nil chan::Chan (Go's idiom: a nil channel's case is never ready), and the loop ends when both are nil, so the select never spins on a closed input and never waits on a channel nobody will send on.
// run: exit0
#include <chan/chan.hpp>

#include <vector>

chan::Chan<int> emit(std::vector<int> values) {
  auto out = chan::make<int>();
  chan::go([out, values] {
    for (int v : values)
      out.send(v);
    out.close();
  });
  return out;
}

std::vector<int> merge_both(chan::Chan<int> a, chan::Chan<int> b) {
  std::vector<int> merged;
  while (a || b) {
    chan::select(chan::on_recv(a, [&](int v, bool ok) {
                   if (ok)
                     merged.push_back(v);
                   else
                     a = chan::Chan<int>();  // disable this case
                 }),
                 chan::on_recv(b, [&](int v, bool ok) {
                   if (ok)
                     merged.push_back(v);
                   else
                     b = chan::Chan<int>();
                 }));
  }
  return merged;
}

int main() {
  const auto merged = merge_both(emit({1, 4, 9}), emit({2, 3, 5, 7, 11}));
  long sum = 0;
  for (int v : merged)
    sum += v;
  return merged.size() == 8 && sum == 42 ? 0 : 1;
}
