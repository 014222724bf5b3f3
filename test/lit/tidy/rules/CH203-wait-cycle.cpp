// RUN: %check_clang_tidy %s channel-wait-cycle %t
#include <chan/chan.hpp>

#include <mutex>

int snapshot();
int compute(int);

struct Feed {
  chan::Mutex mu;
  chan::Chan<int> updates = chan::make<int>();
  int seen = 0;
};

// The publisher sends while holding 'mu'; the subscriber needs 'mu' before it receives.
void publish_under_lock() {
  Feed feed;
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&feed, &wg] {
    feed.mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: wait cycle: 'publish_under_lock' sends on 'feed.updates' and waits for the goroutine started at line [[@LINE-2]]; the goroutine started at line [[@LINE-2]] locks 'feed.mu' and waits for 'publish_under_lock': each waits for another, forever on some interleavings or branches (the notes show one, in order) [channel-wait-cycle]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'publish_under_lock' adds to WaitGroup 'wg'
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'publish_under_lock' starts a goroutine
    feed.seen++;
    feed.mu.unlock();
    feed.updates.recv();
    wg.done();
  });
  feed.mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'publish_under_lock' locks 'feed.mu'
  feed.updates.send(snapshot());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'publish_under_lock' blocks here, forever
  feed.mu.unlock();
  wg.wait();
}

// wait() before draining: the workers block on their sends, so done() never runs.
int wait_before_drain() {
  auto results = chan::make<int>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([results, &wg] { results.send(compute(1)); wg.done(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: wait cycle: 'wait_before_drain' waits on WaitGroup 'wg' and waits for the goroutine started at line [[@LINE-1]]; 'wait_before_drain' waits on WaitGroup 'wg' and waits for the goroutine started at line [[@LINE+4]]; the goroutine started at line [[@LINE-1]] sends on 'results' and waits for 'wait_before_drain'; the goroutine started at line [[@LINE+4]] sends on 'results' and waits for 'wait_before_drain': each waits for another, forever [channel-wait-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'wait_before_drain' adds to WaitGroup 'wg'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'wait_before_drain' starts a goroutine
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: 'wait_before_drain' starts a goroutine
  chan::go([results, &wg] { results.send(compute(2)); wg.done(); });
  wg.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'wait_before_drain' blocks here, forever
  return results.recv() + results.recv();
}

// ---- nothing below may be reported ----

void publish_after_unlock() {
  Feed feed;
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&feed, &wg] {
    {
      std::lock_guard<chan::Mutex> g(feed.mu);
      feed.seen++;
    }
    feed.updates.recv();
    wg.done();
  });
  int v;
  {
    std::lock_guard<chan::Mutex> g(feed.mu);
    v = feed.seen;
  }
  feed.updates.send(v);
  wg.wait();
}

int wait_with_room_for_every_result() {
  auto results = chan::make<int>(2);
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([results, &wg] { results.send(compute(1)); wg.done(); });
  chan::go([results, &wg] { results.send(compute(2)); wg.done(); });
  wg.wait();
  return results.recv() + results.recv();
}
