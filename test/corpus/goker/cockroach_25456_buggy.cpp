// corpus: goker/cockroach_25456 buggy
// origin: GoBench GoKer cockroach#25456 (blocking: communication deadlock, channel)
// mechanism: to decide whether a consistency-check error is worth logging, the queue asks whether the store is draining with a blocking receive on the quiesce channel, which blocks until the store actually drains, i.e. forever.
// run: deadlock
#include <chan/chan.hpp>

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

bool check_consistency(const Replica&) { return false; }  // the check fails

void process(const Replica& repl) {
  if (!check_consistency(repl)) {
    repl.store->stopper->should_quiesce().recv();  // expect: CH202
    // Draining: the error is expected, do not log it.
  }
}

int main() {
  Stopper stopper;
  Store store{&stopper};
  Replica repl{&store};
  for (int i = 0; i < 2; ++i) process(repl);
  return 0;
}
