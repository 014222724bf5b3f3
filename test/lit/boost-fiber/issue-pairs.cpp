// Buggy and fixed pairs modelled on Boost.Fiber's issue threads, against its
// own headers (one file: each run parses the headers).  A fixed twin must
// stay silent.  Linked with -lboost_fiber -lboost_context and run (by hand,
// 2026-12-02, Boost 1.74), every buggy function hangs (181, 268, 114),
// drops the value (late push) or throws (capacity), and every fixed twin
// returns.
// REQUIRES: boost-fiber
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <boost/fiber/buffered_channel.hpp>
#include <boost/fiber/fiber.hpp>
#include <boost/fiber/unbuffered_channel.hpp>

using namespace boost::fibers;

bool valid(int);
void store(int);

// #181 (push never returns after close): the consumer gives up on a bad
// value without closing the queue; the producer's push on the full queue
// never returns.
void issue181_buggy() {
  buffered_channel<int> queue{2};
  fiber producer([&queue] {
    for (int i = 0; i < 4; ++i)
      queue.push(i);
    // CHECK: issue-pairs.cpp:[[@LINE-1]]:7: error: the fiber started at line [[@LINE-3]] blocks forever sending on channel 'queue': no fiber is left to receive (a fiber leak) [CH201 blocked-send-leak]
    queue.close();
  });
  int v = 0;
  while (queue.pop(v) == channel_op_status::success) {
    if (v == 0)
      break;
    store(v);
  }
  producer.join();
}
// Fixed: the consumer closes the queue when it gives up; the blocked push
// returns channel_op_status::closed and the producer stops.
void issue181_fixed() {
  buffered_channel<int> queue{2};
  fiber producer([&queue] {
    for (int i = 0; i < 4; ++i)
      if (queue.push(i) == channel_op_status::closed)
        return;
    queue.close();
  });
  int v = 0;
  while (queue.pop(v) == channel_op_status::success) {
    if (v == 0)
      break;
    store(v);
  }
  queue.close();
  producer.join();
}

// #268 (hang): the producer returns on its error path without closing; the
// consumer's range-for waits forever.
void produce268(unbuffered_channel<int> &out, bool fail) {
  out.push(1);
  if (fail)
    return;
  out.push(2);
  out.close();
}
void issue268_buggy() {
  unbuffered_channel<int> ch;
  fiber producer([&ch] { produce268(ch, true); });
  for (int v : ch)
    // CHECK: :[[@LINE-1]]:16: error: 'issue268_buggy' blocks forever ranging over channel 'ch': no fiber is left to close it (a fiber leak) [CH202 blocked-recv-leak]
    store(v);
  producer.join();
}
void produce268_fixed(unbuffered_channel<int> &out, bool fail) {
  out.push(1);
  if (!fail)
    out.push(2);
  out.close();
}
void issue268_fixed() {
  unbuffered_channel<int> ch;
  fiber producer([&ch] { produce268_fixed(ch, true); });
  for (int v : ch)
    store(v);
  producer.join();
}

// #114 (try_push does not wake a waiting pop): a producer that try_pushes
// and ignores channel_op_status::full loses values, and the consumer that
// waits for all three blocks forever.
void issue114_buggy() {
  buffered_channel<int> ch{2};
  fiber producer([&ch] {
    for (int i = 0; i < 3; ++i)
      ch.try_push(i);
  });
  int v = 0;
  for (int i = 0; i < 3; ++i)
    ch.pop(v);
  // CHECK: :[[@LINE-1]]:5: warning: 'issue114_buggy' blocks forever receiving from channel 'ch': no fiber is left to send on it or close it on some interleavings or branches (the notes show one, in order) (a fiber leak) [CH202 blocked-recv-leak]
  producer.join();
}
void issue114_fixed() {
  buffered_channel<int> ch{2};
  fiber producer([&ch] {
    for (int i = 0; i < 3; ++i)
      ch.push(i);
  });
  int v = 0;
  for (int i = 0; i < 3; ++i)
    ch.pop(v);
  producer.join();
}

// A late push after shutdown: the value is dropped and nobody notices.
struct Sink {
  buffered_channel<int> events{8};
  void shutdown() { events.close(); }
};
void late_push_buggy() {
  Sink s;
  s.shutdown();
  s.events.push(42);
  // CHECK: :[[@LINE-1]]:3: error: push on channel 's.events' that is closed on every path reaching it: it returns channel_op_status::closed and drops the value, and the status is ignored: the value is silently lost [CH101 send-on-closed]
}
bool late_push_fixed() {
  Sink s;
  s.shutdown();
  return s.events.push(42) == channel_op_status::success;
}

// A queue of "3 slots" throws at construction; 4 buffers three values.
void capacity_buggy() {
  buffered_channel<int> slots{3};
  // CHECK: :[[@LINE-1]]:25: error: channel 'slots' is constructed with capacity 3, which is not a power of two >= 2: {{.*}} [CH106 buffer-capacity-invalid]
  slots.push(1);
}
void capacity_fixed() {
  buffered_channel<int> slots{4};
  slots.push(1);
}
