// Engine v2, idiom 5: a method that closes a channel member and then calls a
// private helper re-making it (`q = chan::make<T>(n)`) leaves an open channel
// behind; the caller may send on it and close it again.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <vector>

class Mailbox {
public:
  void reset() {
    q_.close();
    reopen();
  }
  void post(int v) { q_.send(v); }
  void shutdown() { q_.close(); }
  chan::Chan<int> queue() const { return q_; }

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

// Shutting down in every round, nothing re-makes the queue: after the loop
// it is closed whenever the loop ran.
void shutdown_each_round(int rounds) {
  Mailbox m;
  for (int r = 0; r < rounds; ++r) {
    auto current = m.queue();
    // CHECK: :[[@LINE+1]]:5: warning: call to 'post' sends on channel 'm.q_', which is closed on some paths reaching it
    m.post(r); // the second round posts to the queue the first one shut down
    m.shutdown();
    for (int v : current)
      (void)v;
  }
  // CHECK: :[[@LINE+1]]:3: warning: call to 'post' sends on channel 'm.q_', which is closed on some paths reaching it
  m.post(1);
}

// The old generation's handle, kept across the loop, is closed once a
// round ran.
void send_to_the_previous_generation(int rounds) {
  Mailbox m;
  chan::Chan<int> previous = m.queue();
  for (int r = 0; r < rounds; ++r) {
    previous = m.queue();
    m.reset();
  }
  // CHECK: :[[@LINE+1]]:3: warning: send on channel 'previous' that is closed on some paths reaching it
  previous.send(1);
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

int drain(chan::RecvChan<int> q) {
  int n = 0;
  for (int v : q)
    n += v;
  return n;
}

// Each round reads the current generation, resets, then drains what it
// read; the queue the mailbox holds after the loop is the fresh one.
int reset_each_round(int rounds) {
  Mailbox m;
  std::vector<int> drained;
  for (int r = 0; r < rounds; ++r) {
    auto current = m.queue();
    m.post(r);
    m.reset();
    drained.push_back(drain(current));
  }
  m.post(1);
  m.reset();
  m.reset();
  return static_cast<int>(drained.size());
}
