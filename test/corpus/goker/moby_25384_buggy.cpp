// corpus: goker/moby_25384 buggy
// origin: GoBench GoKer moby#25384 (blocking: mixed deadlock, misuse WaitGroup)
// mechanism: init() adds one WaitGroup count per plugin but calls Wait inside the loop that starts the plugin goroutines, so the first Wait needs Done from goroutines that have not been started yet.
// run: deadlock
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
      group.wait();  // expect: CH205
    }
  }
};

int main() {
  Manager pm{{Plugin{}, Plugin{}}};
  pm.init();
  return 0;
}
