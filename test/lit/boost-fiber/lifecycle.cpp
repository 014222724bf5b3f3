// The lifecycle rules on Boost.Fiber channels, against its own headers: a
// push on a closed channel returns channel_op_status::closed (CH101 only
// when that status is ignored), value_pop() on a closed, drained channel
// throws (CH105), a second close is harmless (no CH102).
// REQUIRES: boost-fiber
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <boost/fiber/buffered_channel.hpp>
#include <boost/fiber/unbuffered_channel.hpp>

using boost::fibers::buffered_channel;
using boost::fibers::channel_op_status;
using boost::fibers::unbuffered_channel;

void push_after_close() {
  buffered_channel<int> ch{4};
  ch.close();
  // CHECK: lifecycle.cpp:[[@LINE+1]]:3: error: push on channel 'ch' that is closed on every path reaching it: it returns channel_op_status::closed and drops the value, and the status is ignored: the value is silently lost [CH101 send-on-closed]
  ch.push(1);
  // CHECK: note: channel 'ch' is made here
  // CHECK: note: channel 'ch' is closed here
}

void shutdown(buffered_channel<int> &ch) { ch.close(); }
void maybe_closed(buffered_channel<int> &ch, bool stop) {
  if (stop)
    shutdown(ch);
  // CHECK: :[[@LINE+1]]:3: warning: try_push (or timed push) on channel 'ch' that is closed on some paths reaching it: it returns channel_op_status::closed
  ch.try_push(2);
}

void value_pop_after_close() {
  unbuffered_channel<int> ch;
  ch.close();
  // CHECK: :[[@LINE+1]]:11: error: value_pop() on channel 'ch', which is closed on every path with nothing left in it, throws boost::fibers::fiber_error ("boost fiber: channel is closed"); use pop(v) and check for channel_op_status::closed, or range-for [CH105 recv-after-close-unchecked]
  int v = ch.value_pop();
  (void)v;
}

// Not reported: the status is looked at, or the close is a second one.
bool push_checked() {
  buffered_channel<int> ch{2};
  ch.close();
  if (ch.push(1) == channel_op_status::closed)
    return false;
  auto status = ch.try_push(2);
  return status == channel_op_status::success;
}
void push_status_discarded_on_purpose() {
  unbuffered_channel<int> ch;
  ch.close();
  (void)ch.push(3);
}
void close_twice() {
  buffered_channel<int> ch{2};
  ch.close();
  ch.close();
}
int pop_after_close() {
  buffered_channel<int> ch{2};
  ch.push(1);
  ch.close();
  int v = 0;
  while (ch.pop(v) == channel_op_status::success) {
  }
  for (int x : ch)
    v += x;
  return v;
}
