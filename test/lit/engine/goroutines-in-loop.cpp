// Engine v2, idiom 13: a `go` inside a loop starts one goroutine per
// iteration from a single spawn site. When the loop runs at least twice and
// each goroutine always closes the same channel, two of them close it: one
// close panics (CH102), even though only one close is written.
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
