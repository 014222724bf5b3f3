// corpus: goker/kubernetes_1321 buggy
// origin: GoBench GoKer kubernetes#1321 (blocking: mixed deadlock, channel & lock)
// mechanism: distribute() holds m.lock while it blocks sending to a watcher's result channel, and stopWatching(), the only way to unblock it (by closing that channel), must take m.lock first.
// run: deadlock
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
    for (auto& [id, watcher] : watchers) watcher->result.send(chan::Unit{});
    global_mtx.unlock();
    lock.unlock();
  }

  void stop_watching(std::int64_t id) {
    lock.lock();  // expect: CH203
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

void MuxWatcher::stop() { mux->stop_watching(id); }

}  // namespace

int main() {
  // G1 in the kernel: testMuxWatcherClose().
  auto mux = std::make_shared<Mux>();
  // The kernel starts the loop and then registers the watcher; registering
  // first, and stopping only once the loop is blocked on its send, forces
  // the kernel's interleaving (otherwise the loop may finish its 100 rounds
  // before there is a watcher).
  auto watcher = mux->watch();
  chan::go([mux] { mux->loop(); });  // G2
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  watcher->stop();
}
