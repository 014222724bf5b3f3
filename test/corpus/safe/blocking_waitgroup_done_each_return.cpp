// corpus: safe/blocking_waitgroup_done_each_return
// origin: precision suite
// mechanism: a port scanner's probe() has three return paths and calls wg.done() explicitly right before each of them (no path skips it), results go into a channel sized to the number of probes, and the spawner adds the whole count with one add(n) before starting the goroutines in a loop.
// run: exit0
#include <chan/chan.hpp>

#include <algorithm>
#include <vector>

enum class PortState { open, closed, filtered };

struct Probe {
  int port;
  PortState state;
};

void probe(int port, chan::WaitGroup* wg, chan::Chan<Probe> results) {
  if (port == 22 || port == 80 || port == 443 || port == 8080) {
    results.send({port, PortState::open});
    wg->done();
    return;
  }
  if (port < 1024 && port % 2 == 1) {
    results.send({port, PortState::filtered});
    wg->done();
    return;
  }
  results.send({port, PortState::closed});
  wg->done();
}

int main() {
  const std::vector<int> ports{21, 22, 23, 80, 443, 8080, 8081, 9000};
  chan::WaitGroup wg;
  auto results = chan::make<Probe>(ports.size());
  wg.add(static_cast<int>(ports.size()));
  for (int port : ports)
    chan::go(probe, port, &wg, results);
  wg.wait();
  results.close();

  std::vector<int> open;
  int filtered = 0;
  for (const Probe& p : results) {
    if (p.state == PortState::open) open.push_back(p.port);
    if (p.state == PortState::filtered) ++filtered;
  }
  std::sort(open.begin(), open.end());
  return open == std::vector<int>{22, 80, 443, 8080} && filtered == 2 ? 0 : 1;
}
