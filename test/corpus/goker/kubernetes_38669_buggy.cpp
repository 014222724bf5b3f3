// corpus: goker/kubernetes_38669 buggy
// origin: GoBench GoKer kubernetes#38669 (blocking: communication deadlock, channel)
// mechanism: process() sends the initial events on the unbuffered result channel before it looks at input, and once the watcher is stopped nobody reads result, so the send blocks forever.
// run: leak
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace {

using Event = int;
using WatchCacheEvent = int;

struct CacheWatcher {
  chan::Mutex mu;
  chan::Chan<WatchCacheEvent> input;
  chan::Chan<Event> result;
  bool stopped = false;

  void process(const std::vector<WatchCacheEvent>& init_events) {
    for (WatchCacheEvent event : init_events) send_watch_cache_event(event);
    for (;;) {
      auto [event, ok] = input.recv_ok();
      if (!ok) break;
    }
    stop();
    result.close();
  }

  void send_watch_cache_event(WatchCacheEvent event) {
    result.send(Event{event});  // expect: CH201
  }

  void stop() {
    mu.lock();
    if (!stopped) {
      stopped = true;
      input.close();
    }
    mu.unlock();
  }
};

std::shared_ptr<CacheWatcher> new_cache_watcher(std::size_t chan_size,
                                                std::vector<WatchCacheEvent> init_events) {
  auto watcher = std::make_shared<CacheWatcher>();
  watcher->input = chan::make<WatchCacheEvent>(chan_size);
  watcher->result = chan::make<Event>(chan_size);
  chan::go([watcher, init_events] { watcher->process(init_events); });
  return watcher;
}

}  // namespace

int main() {
  auto watcher = new_cache_watcher(0, {1, 2});
  watcher->stop();
  // Lets process() reach its send before the exit-time leak check looks.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
}
