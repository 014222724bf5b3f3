// corpus: goker/cockroach_25456 fixed
// origin: GoBench GoKer cockroach#25456 (blocking: communication deadlock, channel)
// mechanism: the queue polls the quiesce channel with a select that has a default case, so it only learns whether the store is draining right now and never waits for it.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

class Stopper {
 public:
  chan::RecvChan<chan::Unit> should_quiesce() const { return quiescer_; }

 private:
  chan::Chan<chan::Unit> quiescer_ = chan::make<chan::Unit>();
};

struct Store {
  Stopper* stopper = nullptr;
};

struct Replica {
  Store* store;
};

bool check_consistency(const Replica&) { return false; }

void process(const Replica& repl) {
  if (!check_consistency(repl)) {
    bool draining = false;
    chan::select(chan::on_recv(repl.store->stopper->should_quiesce(), [&] { draining = true; }),
                 chan::on_default([] {}));
    if (!draining) std::puts("consistency check failed");
  }
}

int main() {
  Stopper stopper;
  Store store{&stopper};
  Replica repl{&store};
  for (int i = 0; i < 2; ++i) process(repl);
  return 0;
}
