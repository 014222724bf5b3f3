// corpus: goker/moby_21233 buggy
// origin: GoBench GoKer moby#21233 (blocking: communication deadlock, channel)
// mechanism: the test's progress consumer gives up and returns early (t.Fatalf in a goroutine), so the transfer watchers block forever sending progress on the unbuffered channel and Release() waits forever for a watcher to finish.
// run: deadlock
//
// Deterministic: the consumer returns after its first update (standing in for
// the missed update that made the test fail) and the watchers always send
// more than one.
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

void write_progress(chan::SendChan<Progress> out, Progress p) {
  out.send(p);  // expect: CH201
}

class Transfer {
 public:
  // Starts a goroutine that forwards this transfer's progress to `out` until
  // the watcher is released.
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
    for (Progress p : progress_chan) {
      if (p.current == 0) {
        // An intermediate update was coalesced away: the test calls t.Fatalf,
        // which ends only this goroutine, and nothing consumes the channel.
        return;
      }
      std::printf("progress %d\n", p.current);
    }
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
