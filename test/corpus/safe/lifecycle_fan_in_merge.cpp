// corpus: safe/lifecycle_fan_in_merge
// origin: precision suite
// mechanism: merge() fans in a std::vector of input channels: one forwarding goroutine per input (started in a loop) and one closer goroutine that waits for all forwarders before closing the merged output; each source channel is closed by its own producer.
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <vector>

template <class T>
chan::RecvChan<T> merge(const std::vector<chan::RecvChan<T>>& inputs) {
  auto out = chan::make<T>();
  auto wg = std::make_shared<chan::WaitGroup>();
  wg->add(static_cast<int>(inputs.size()));
  for (const chan::RecvChan<T>& in : inputs) {
    chan::go([in, out, wg] {
      for (T v : in)
        out.send(v);
      wg->done();
    });
  }
  chan::go([out, wg] {
    wg->wait();
    out.close();
  });
  return out;
}

chan::RecvChan<int> counter(int id, int n) {
  auto out = chan::make<int>(1);
  chan::go([out, id, n] {
    for (int i = 0; i < n; ++i)
      out.send(id * 1000 + i);
    out.close();
  });
  return out;
}

int main() {
  std::vector<chan::RecvChan<int>> sources;
  for (int id = 1; id <= 5; ++id)
    sources.push_back(counter(id, id * 2));

  int count = 0;
  long sum = 0;
  for (int v : merge(sources)) {
    ++count;
    sum += v;
  }
  // 2+4+6+8+10 = 30 values
  return count == 30 && sum > 0 ? 0 : 1;
}
