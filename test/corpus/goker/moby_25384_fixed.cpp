// corpus: goker/moby_25384 fixed
// origin: GoBench GoKer moby#25384 (blocking: mixed deadlock, misuse WaitGroup)
// mechanism: init() starts every plugin goroutine first and waits once, after the loop.
// run: exit0
#include <chan/chan.hpp>

#include <vector>

struct Plugin {};

struct Manager {
  std::vector<Plugin> plugins;

  void init() {
    chan::WaitGroup group;
    group.add(static_cast<int>(plugins.size()));
    for (const Plugin& p : plugins) {
      chan::go([&group](Plugin) { group.done(); }, p);
    }
    group.wait();
  }
};

int main() {
  Manager pm{{Plugin{}, Plugin{}}};
  pm.init();
  return 0;
}
