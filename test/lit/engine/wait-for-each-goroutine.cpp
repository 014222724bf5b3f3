// Engine v2: goroutines started in a loop (here by a helper called in the
// loop) each give a signal after their last send; the spawner waits for each
// signal in another loop over the handles it kept, then closes the channel
// they send on. The analysis cannot count that every goroutine is waited
// for, but a wait in a loop may be one per goroutine: it stays silent then.
// Not waiting at all, or waiting once for one of many, is still reported.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <memory>
#include <vector>

struct Watcher {
  chan::Chan<chan::Unit> running = chan::make<chan::Unit>();
};

// Forwards a progress update to `out`, then says it is done by closing its
// watcher's `running`.
std::shared_ptr<Watcher> watch(chan::SendChan<int> out, int id) {
  auto w = std::make_shared<Watcher>();
  chan::go([w, out, id] {
    out.send(id);
    w->running.close();
  });
  return w;
}

void release(const Watcher &w) { w.running.recv(); }

// ---- positive cases ----

void close_without_waiting(int n) {
  auto progress = chan::make<int>(8);
  std::vector<std::shared_ptr<Watcher>> watchers;
  for (int i = 0; i < n; ++i)
    watchers.push_back(watch(progress, i));
  // CHECK: wait-for-each-goroutine.cpp:[[@LINE+1]]:3: warning: close of channel 'progress' while a goroutine started earlier may still send on it{{.*}}[CH101 send-on-closed]
  progress.close();
}

void close_after_waiting_for_the_first_only(int n) {
  auto progress = chan::make<int>(8);
  std::vector<std::shared_ptr<Watcher>> watchers;
  for (int i = 0; i < n; ++i)
    watchers.push_back(watch(progress, i));
  release(*watchers.front());
  // CHECK: :[[@LINE+1]]:3: warning: close of channel 'progress' while a goroutine started earlier may still send on it{{.*}}[CH101 send-on-closed]
  progress.close();
}

// ---- negative cases: nothing below may be reported ----

void close_after_releasing_every_watcher(int n) {
  auto progress = chan::make<int>(8);
  std::vector<std::shared_ptr<Watcher>> watchers;
  for (int i = 0; i < n; ++i)
    watchers.push_back(watch(progress, i));
  for (auto &w : watchers)
    release(*w);
  progress.close();
}

void close_after_releasing_by_index(int n) {
  auto progress = chan::make<int>(8);
  std::vector<std::shared_ptr<Watcher>> watchers;
  for (int i = 0; i < n; ++i)
    watchers.push_back(watch(progress, i));
  for (std::size_t i = 0; i < watchers.size(); ++i)
    release(*watchers[i]);
  progress.close();
}
