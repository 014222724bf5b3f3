// RUN: %check_clang_tidy %s channel-blocked-recv-leak %t
#include <chan/chan.hpp>

#include <vector>

void work(int);
bool fetch(int &);

// The consumer ranges over 'jobs', which nobody closes.
// MISSED: the explorer reaches the block only by guessing how many items
// 'batch' holds (see the rule's limits); the lines marked MISSED say what a
// more precise explorer must report.
void range_without_close(std::vector<int> batch) {
  auto jobs = chan::make<int>(4);
  auto done = chan::make<int>();
  chan::go([jobs, done] {
    for (int j : jobs)
      // MISSED: :[[@LINE-1]]:18: warning: the goroutine started at line [[@LINE-2]] blocks forever ranging over channel 'jobs': no goroutine is left to close it on some interleavings or branches (the notes show one, in order) (a goroutine leak) [channel-blocked-recv-leak]
      // MISSED: :[[@LINE-3]]:3: note: 'range_without_close' starts a goroutine
      work(j);
    done.close();
  });
  for (int j : batch)
    jobs.send(j);
  done.recv();
  // MISSED: :[[@LINE-1]]:3: note: 'range_without_close' blocks here, forever
}

// The producer returns on a bad value without closing: the consumer waits forever.
// MISSED: reaching it needs a guess about what fetch() returns.
void produce(chan::Chan<int> out) {
  int v;
  while (fetch(v)) {
    if (v < 0)
      return;
    out.send(v);
  }
  out.close();
}

void consume_all() {
  auto items = chan::make<int>();
  chan::go([items] { produce(items); });
  for (int v : items)
    // MISSED: :[[@LINE-1]]:16: warning: 'consume_all' blocks forever ranging over channel 'items': no goroutine is left to close it on some interleavings or branches (the notes show one, in order) (a goroutine leak) [channel-blocked-recv-leak]
    // MISSED: :[[@LINE-3]]:3: note: 'consume_all' starts a goroutine
    work(v);
}

// Main ranges over a channel its producer never closes: after the one value
// every execution blocks (Go: "all goroutines are asleep - deadlock!").
int main() {
  auto ch = chan::make<int>(1);
  chan::go([ch] { ch.send(1); });
  for (int v : ch)
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: main blocks forever ranging over channel 'ch': no goroutine is left to close it (a deadlock) [channel-blocked-recv-leak]
    work(v);
}

// ---- nothing below may be reported ----

struct Pool {
  chan::Chan<int> jobs = chan::make<int>(4);
  chan::WaitGroup wg;
  void start() {
    wg.add(1);
    chan::go([this] {
      for (int j : jobs)
        work(j);
      wg.done();
    });
  }
  void stop() {
    jobs.close();
    wg.wait();
  }
};

void pool_closes_its_queue(std::vector<int> batch) {
  Pool p;
  p.start();
  for (int j : batch)
    p.jobs.send(j);
  p.stop();
}

void produce_then_close(chan::Chan<int> out, int n) {
  for (int i = 0; i < n; ++i)
    out.send(i);
  out.close();
}

void consume_helper_closes() {
  auto items = chan::make<int>();
  chan::go([items] { produce_then_close(items, 3); });
  for (int v : items)
    work(v);
}
