// Engine v2, idiom 13: a `go` inside a loop starts one goroutine per
// iteration from a single spawn site. When the loop runs at least twice and
// each goroutine always closes the same channel, two of them close it: one
// close panics (CH102), even though only one close is written.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <mutex>
#include <vector>

// ---- positive cases ----

void each_goroutine_closes_the_shared_channel() {
  auto done = chan::make<chan::Unit>();
  for (int i = 0; i < 4; ++i)
    // CHECK: goroutines-in-loop.cpp:[[@LINE+1]]:20: error: close of channel 'done'{{.*}}[CH102 close-of-closed]
    chan::go([&] { done.close(); });
}

void by_value_copies_alias_one_channel() {
  auto done = chan::make<chan::Unit>();
  for (int i = 0; i < 2; ++i) {
    // CHECK: :[[@LINE+1]]:23: error: close of channel 'done'{{.*}}[CH102 close-of-closed]
    chan::go([done] { done.close(); });
  }
}

// The last producer closes the shared channel, but its siblings may still be
// sending on it.
void last_producer_closes_the_shared_channel(int producers) {
  auto out = chan::make<int>(8);
  for (int p = 0; p < producers; ++p)
    chan::go([out, p, producers] {
      out.send(p);
      if (p == producers - 1)
        // CHECK: :[[@LINE+1]]:9: warning: close of channel 'out' while a goroutine started earlier may still send on it{{.*}}[CH101 send-on-closed]
        out.close();
    });
}

// ---- negative cases: nothing below may be reported ----

void each_goroutine_closes_its_own_channel() {
  std::vector<chan::Chan<int>> outs;
  for (int i = 0; i < 4; ++i)
    outs.push_back(chan::make<int>(1));
  for (int i = 0; i < 4; ++i)
    chan::go([c = outs[i]] { c.close(); });
}

void channel_made_inside_the_loop() {
  for (int i = 0; i < 3; ++i) {
    auto done = chan::make<chan::Unit>();
    chan::go([done] { done.close(); });
    done.recv();
  }
}

void close_guarded_by_once() {
  auto done = chan::make<chan::Unit>();
  std::once_flag once;
  chan::WaitGroup wg;
  for (int i = 0; i < 4; ++i) {
    wg.add(1);
    chan::go([&] {
      std::call_once(once, [&] { done.close(); });
      wg.done();
    });
  }
  wg.wait();
}

void loop_that_starts_one_goroutine() {
  auto done = chan::make<chan::Unit>();
  for (int i = 0; i < 4; ++i) {
    chan::go([done] { done.close(); });
    break;
  }
  done.recv();
}

// Each shard's goroutine sends on and closes the channel it was given; the
// channels were made in an earlier loop, one per shard.
std::vector<chan::Chan<int>> shards_send_then_close_their_own(int shards) {
  std::vector<chan::Chan<int>> outs;
  for (int s = 0; s < shards; ++s)
    outs.push_back(chan::make<int>(4));
  for (int s = 0; s < shards; ++s) {
    chan::Chan<int> mine = outs[s];
    chan::go([mine, s] {
      mine.send(s);
      mine.close();
    });
  }
  return outs;
}
