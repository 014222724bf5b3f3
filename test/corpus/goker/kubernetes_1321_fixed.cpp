// corpus: goker/kubernetes_1321 fixed
// origin: GoBench GoKer kubernetes#1321 (blocking: mixed deadlock, channel & lock)
// mechanism: each watcher gets a stopped channel that Stop() closes without any lock, and distribute() sends in a select that also watches it, so a stopping watcher always unblocks the distributor.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <thread>

namespace {

chan::Mutex global_mtx;

struct Mux;

struct MuxWatcher {
  chan::Chan<chan::Unit> result = chan::make<chan::Unit>();
  chan::Chan<chan::Unit> stopped = chan::make<chan::Unit>();
  Mux* mux = nullptr;
  std::int64_t id = 0;
  void stop();
};

struct Mux {
  chan::Mutex lock;
  std::map<std::int64_t, std::shared_ptr<MuxWatcher>> watchers;  // guarded by global_mtx

  std::shared_ptr<MuxWatcher> watch() {
    auto watcher = std::make_shared<MuxWatcher>();
    watcher->mux = this;
    global_mtx.lock();
    watcher->id = static_cast<std::int64_t>(watchers.size());
    watchers[watcher->id] = watcher;
    global_mtx.unlock();
    return watcher;
  }

  void loop() {
    for (int i = 0; i < 100; ++i) distribute();
  }

  void distribute() {
    lock.lock();
    global_mtx.lock();
    for (auto& [id, watcher] : watchers) {
      chan::select(chan::on_send(watcher->result, chan::Unit{}, [] {}),
                   chan::on_recv(watcher->stopped, [](chan::Unit, bool) {}));
    }
    global_mtx.unlock();
    lock.unlock();
  }

  void stop_watching(std::int64_t id) {
    lock.lock();
    global_mtx.lock();
    auto it = watchers.find(id);
    if (it != watchers.end()) {
      it->second->result.close();
      watchers.erase(it);
    }
    global_mtx.unlock();
    lock.unlock();
  }
};

void MuxWatcher::stop() {
  stopped.close();
  mux->stop_watching(id);
}

}  // namespace

int main() {
  auto mux = std::make_shared<Mux>();
  auto watcher = mux->watch();  // same schedule as the buggy program
  chan::go([mux] { mux->loop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  watcher->stop();
}
