// Engine v2, idiom 5: a method that closes a channel member and then calls a
// private helper re-making it (`q = chan::make<T>(n)`) leaves an open channel
// behind; the caller may send on it and close it again.
#include <chan/chan.hpp>

class Mailbox {
public:
  void reset() {
    q_.close();
    reopen();
  }
  void post(int v) { q_.send(v); }
  void shutdown() { q_.close(); }

private:
  void reopen() { q_ = chan::make<int>(4); }
  chan::Chan<int> q_ = chan::make<int>(4);
};

void remake(chan::Chan<int> &q) { q = chan::make<int>(1); }
void recycle(chan::Chan<int> &q) {
  q.close();
  remake(q);
}

// ---- positive cases ----

void post_after_shutdown() {
  Mailbox m;
  m.shutdown();
  // CHECK: close-then-remake.cpp:[[@LINE+1]]:3: error: call to 'post' sends on channel 'm.q_', which is closed on every path reaching it
  m.post(1);
}

void reset_after_shutdown() {
  Mailbox m;
  m.shutdown();
  // CHECK: :[[@LINE+1]]:3: error: call to 'reset' closes channel 'm.q_', which is already closed on every path
  m.reset();
}

// ---- negative cases: nothing below may be reported ----

void reset_then_use() {
  Mailbox m;
  m.post(1);
  m.reset();
  m.post(2);
  m.reset();
  m.reset();
  m.shutdown();
}

void free_helper_recycles(chan::Chan<int> q) {
  recycle(q);
  q.send(1);
  q.close();
}
