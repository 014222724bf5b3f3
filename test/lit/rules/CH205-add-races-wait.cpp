// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
// CH205: an add() from zero that may run before or after the wait() it is
// meant for returns (Go's rule: such an add must happen before the wait).
#include <chan/chan.hpp>

#include <memory>

void work(int);

// The add inside the goroutine it counts: main may reach wait() first,
// find the counter at 0 and return before any work is counted.
void add_inside_the_goroutine() {
  chan::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    chan::go([&wg, i] {
      wg.add(1);
      // CHECK: :[[@LINE-1]]:7: warning: the goroutine started at line [[@LINE-2]] adds to WaitGroup 'wg' while its counter is 0, so 'add_inside_the_goroutine' may already have returned from its wait() on it: the wait can miss this work (an add() from zero must happen before the wait, e.g. before the goroutine is started) on some interleavings or branches (the notes show one, in order) [CH205 waitgroup-misuse]
      // CHECK: :[[@LINE-3]]:5: note: 'add_inside_the_goroutine' starts a goroutine
      // CHECK: :[[@LINE-4]]:5: note: 'add_inside_the_goroutine' starts a goroutine
      // CHECK: :[[@LINE+5]]:3: note: 'add_inside_the_goroutine' may return here at once, the counter being 0
      work(i);
      wg.done();
    });
  }
  wg.wait();
}

// The same through a method of a tracker the goroutine calls.  One
// goroutine: every execution passes the state where main may return from
// wait() before the add, so this is an error.
struct Tracker {
  chan::WaitGroup pending;
  void begin() { pending.add(1); }
  // CHECK: :[[@LINE-1]]:18: error: the goroutine started at line [[@LINE+6]] adds to WaitGroup 'pending' while its counter is 0, so 'add_in_a_method_the_goroutine_calls' may already have returned from its wait() on it: the wait can miss this work (an add() from zero must happen before the wait, e.g. before the goroutine is started) [CH205 waitgroup-misuse]
  void end() { pending.done(); }
};

void add_in_a_method_the_goroutine_calls() {
  auto tracker = std::make_shared<Tracker>();
  chan::go([tracker] {
    tracker->begin();
    work(1);
    tracker->end();
  });
  tracker->pending.wait();
  // CHECK: :[[@LINE-6]]:3: note: 'add_in_a_method_the_goroutine_calls' starts a goroutine
  // CHECK: :[[@LINE-2]]:3: note: 'add_in_a_method_the_goroutine_calls' may return here at once, the counter being 0
}

// A named function started with go, given the WaitGroup by pointer.
void counted_worker(chan::WaitGroup *wg) {
  wg->add(1);
  // CHECK: :[[@LINE-1]]:3: error: the goroutine started at line [[@LINE+7]] adds to WaitGroup 'wg' while its counter is 0, so 'add_in_a_named_goroutine' may already have returned from its wait() on it: the wait can miss this work (an add() from zero must happen before the wait, e.g. before the goroutine is started) [CH205 waitgroup-misuse]
  work(2);
  wg->done();
}

void add_in_a_named_goroutine() {
  chan::WaitGroup wg;
  chan::go(counted_worker, &wg);
  wg.wait();
  // CHECK: :[[@LINE-2]]:3: note: 'add_in_a_named_goroutine' starts a goroutine
  // CHECK: :[[@LINE-2]]:3: note: 'add_in_a_named_goroutine' may return here at once, the counter being 0
}

// ---- nothing below may be reported ----

// The usual shape: add() before go.
void add_before_go() {
  chan::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    chan::go([&wg, i] {
      work(i);
      wg.done();
    });
  }
  wg.wait();
}

// A worker counting a child of its own while its own count is still held:
// the counter is not 0 when it adds, so the wait cannot be passing.
void worker_adds_for_its_child() {
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&wg] {
    wg.add(1);
    chan::go([&wg] {
      work(2);
      wg.done();
    });
    work(1);
    wg.done();
  });
  wg.wait();
}

// The goroutine adds, then tells main, which waits only after that: the
// add happens before the wait.
void add_then_signal_before_the_wait() {
  chan::WaitGroup wg;
  auto counted = chan::make<int>();
  chan::go([&wg, counted] {
    wg.add(1);
    counted.send(0);
    work(1);
    wg.done();
  });
  counted.recv();
  wg.wait();
}

// A wait at zero while another goroutine adds to a different WaitGroup.
void add_to_another_group() {
  chan::WaitGroup done_first, done_later;
  chan::go([&done_later] {
    done_later.add(1);
    work(1);
    done_later.done();
  });
  done_first.wait();
}

// A WaitGroup reused for a second round: the second round's add comes
// after main's first wait returned, and main waits again only after it.
void reused_for_a_second_round() {
  chan::WaitGroup wg;
  auto go_on = chan::make<int>();
  auto added = chan::make<int>();
  chan::go([&wg, go_on, added] {
    go_on.recv();
    wg.add(1);
    added.send(0);
    work(2);
    wg.done();
  });
  wg.add(1);
  chan::go([&wg] {
    work(1);
    wg.done();
  });
  wg.wait();
  go_on.send(0);
  added.recv();
  wg.wait();
}
