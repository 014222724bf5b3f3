// corpus: goker/kubernetes_38669 fixed
// origin: GoBench GoKer kubernetes#38669 (blocking: communication deadlock, channel)
// mechanism: stop() also closes a done channel and process() sends each initial event in a select that watches it, so a stopped watcher's goroutine finishes and closes result.
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <vector>

namespace {

using Event = int;
using WatchCacheEvent = int;

struct CacheWatcher {
  chan::Mutex mu;
  chan::Chan<WatchCacheEvent> input;
  chan::Chan<Event> result;
  chan::Chan<chan::Unit> done = chan::make<chan::Unit>();
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
    chan::select(chan::on_send(result, Event{event}, [] {}),
                 chan::on_recv(done, [](chan::Unit, bool) {}));
  }

  void stop() {
    mu.lock();
    if (!stopped) {
      stopped = true;
      done.close();
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
  for (Event event : watcher->result) (void)event;  // ends when process() closes result
}
