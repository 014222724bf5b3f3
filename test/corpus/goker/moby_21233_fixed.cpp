// corpus: goker/moby_21233 fixed
// origin: GoBench GoKer moby#21233 (blocking: communication deadlock, channel)
// mechanism: the progress consumer records an unexpected update instead of returning, so it keeps draining the channel until it is closed and every watcher can finish.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>
#include <memory>
#include <vector>

struct Progress {
  int current = 0;
};

struct Watcher {
  chan::Chan<chan::Unit> signal_chan = chan::make<chan::Unit>();
  chan::Chan<chan::Unit> release_chan = chan::make<chan::Unit>();
  chan::Chan<chan::Unit> running = chan::make<chan::Unit>();
};

void write_progress(chan::SendChan<Progress> out, Progress p) { out.send(p); }

class Transfer {
 public:
  std::shared_ptr<Watcher> watch(chan::SendChan<Progress> out) {
    auto w = std::make_shared<Watcher>();
    chan::go([w, out] {
      Progress last_progress;
      bool done = false;
      for (;;) {
        write_progress(out, last_progress);
        if (done) break;
        chan::select(chan::on_recv(w->signal_chan, [] {}), chan::on_recv(w->release_chan, [&] { done = true; }));
      }
      w->running.close();
    });
    return w;
  }

  void release(const Watcher& w) {
    w.release_chan.close();
    w.running.recv();
  }
};

void test_transfer() {
  chan::Chan<Progress> progress_chan = chan::make<Progress>();
  chan::Chan<chan::Unit> progress_done = chan::make<chan::Unit>();
  chan::go([progress_chan, progress_done] {
    int unexpected = 0;
    for (Progress p : progress_chan) {
      if (p.current == 0) ++unexpected;  // reported after the channel is drained
    }
    std::printf("%d unexpected progress updates\n", unexpected);
    progress_done.close();
  });

  std::vector<Transfer> transfers(3);
  std::vector<std::shared_ptr<Watcher>> watchers;
  for (Transfer& t : transfers) watchers.push_back(t.watch(progress_chan));
  for (std::size_t i = 0; i < transfers.size(); ++i) transfers[i].release(*watchers[i]);
  progress_chan.close();
  progress_done.recv();
}

int main() {
  test_transfer();
  return 0;
}
