// corpus: safe/lifecycle_pipeline_stages
// origin: precision suite
// mechanism: a three-stage pipeline built from functions that each make their output channel, start a goroutine that ranges over the input, sends results and closes the output when the input closes (Go's pipeline pattern): every stage owns and closes exactly its own output.
// run: exit0
#include <chan/chan.hpp>

#include <functional>

chan::RecvChan<int> generate(int from, int to) {
  auto out = chan::make<int>();
  chan::go([out, from, to] {
    for (int i = from; i <= to; ++i)
      out.send(i);
    out.close();
  });
  return out;
}

chan::RecvChan<int> map_stage(chan::RecvChan<int> in, std::function<int(int)> f) {
  auto out = chan::make<int>(2);
  chan::go([in, out, f] {
    for (int v : in)
      out.send(f(v));
    out.close();
  });
  return out;
}

chan::RecvChan<int> filter_stage(chan::RecvChan<int> in, bool (*keep)(int)) {
  auto out = chan::make<int>();
  chan::go([in, out, keep] {
    for (int v : in)
      if (keep(v)) out.send(v);
    out.close();
  });
  return out;
}

bool is_even(int v) { return v % 2 == 0; }

int main() {
  auto squares = map_stage(generate(1, 10), [](int v) { return v * v; });
  auto even_squares = filter_stage(squares, is_even);
  auto shifted = map_stage(even_squares, [](int v) { return v + 1; });

  int sum = 0;
  for (int v : shifted)
    sum += v;
  // 4 + 16 + 36 + 64 + 100 = 220, plus 5 ones
  return sum == 225 ? 0 : 1;
}
