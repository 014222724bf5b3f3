// The blocking rules on Boost.Fiber, against its own headers: fibers are
// goroutines, join() waits for one; push blocks on a full buffered_channel
// (capacity N holds N - 1 values) and until taken on an unbuffered one.
// REQUIRES: boost-fiber
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <boost/fiber/buffered_channel.hpp>
#include <boost/fiber/fiber.hpp>
#include <boost/fiber/future.hpp>
#include <boost/fiber/mutex.hpp>
#include <boost/fiber/operations.hpp>
#include <boost/fiber/recursive_mutex.hpp>
#include <boost/fiber/unbuffered_channel.hpp>

#include <functional>
#include <mutex>

using namespace boost::fibers;

void work(int);

// The producer forgets to close: the range-for never ends.
void range_without_close() {
  unbuffered_channel<int> ch;
  fiber producer([&ch] {
    ch.push(1);
    ch.push(2);
  });
  for (int v : ch)
    // CHECK: blocking.cpp:[[@LINE-1]]:16: error: 'range_without_close' blocks forever ranging over channel 'ch': no fiber is left to close it (a fiber leak) [CH202 blocked-recv-leak]
    // CHECK: :[[@LINE-6]]:9: note: 'range_without_close' starts a fiber
    work(v);
  producer.join();
}

// buffered_channel{2} holds one value: the consumer takes one, the third
// push never returns.
void consumer_stops_early() {
  buffered_channel<int> ch{2};
  fiber producer([&ch] {
    ch.push(1);
    ch.push(2);
    ch.push(3);
    // CHECK: :[[@LINE-1]]:5: error: the fiber started at line [[@LINE-4]] blocks forever sending on channel 'ch': no fiber is left to receive (a fiber leak) [CH201 blocked-send-leak]
    ch.close();
  });
  int v = 0;
  ch.pop(v);
  producer.join();
  // CHECK: :[[@LINE-1]]:3: note: 'consumer_stops_early' blocks here, forever
}

// The Boost example range_for.cpp without its close: std::ref passes the
// channel itself to the fibers' functions.
void feed_forgets_close(unbuffered_channel<int> &ch) { ch.push(1); }
void drain_all(unbuffered_channel<int> &ch) {
  for (int v : ch)
    // CHECK: :[[@LINE-1]]:16: error: the fiber started at line [[@LINE+6]] blocks forever ranging over channel 'ch': no fiber is left to close it (a fiber leak) [CH202 blocked-recv-leak]
    work(v);
}
void functions_with_ref_no_close() {
  unbuffered_channel<int> ch;
  fiber f1(&feed_forgets_close, std::ref(ch));
  fiber f2(&drain_all, std::ref(ch));
  f1.join();
  f2.join();
}

// boost::fibers::mutex is a lock like std::mutex: two fibers taking two in
// opposite orders (CH204), a fiber re-locking one it holds (CH206).
mutex a, b;
void lock_order() {
  fiber f1([] {
    std::lock_guard<mutex> g(a);
    std::lock_guard<mutex> h(b);
    // CHECK: :[[@LINE-1]]:28: warning: possible deadlock: mutexes 'a' and 'b' are taken in opposite orders {{.*}} [CH204 lock-order-inversion]
  });
  fiber f2([] {
    std::lock_guard<mutex> g(b);
    std::lock_guard<mutex> h(a);
    // CHECK: :[[@LINE-1]]:28: warning: possible deadlock: mutexes 'b' and 'a' are taken in opposite orders {{.*}} [CH204 lock-order-inversion]
  });
  f1.join();
  f2.join();
}
mutex c;
void relock() {
  fiber f([] {
    std::lock_guard<mutex> g(c);
    c.lock();
    // CHECK: :[[@LINE-1]]:5: error: the fiber started at line [[@LINE-3]] locks mutex 'c' while holding it: the mutex is not recursive{{.*}} [CH206 recursive-lock]
  });
  f.join();
}

// ---- nothing below may be reported ----

recursive_mutex r;
void recursive_relock() {
  fiber f([] {
    std::lock_guard<recursive_mutex> g(r);
    r.lock();
    r.unlock();
  });
  f.join();
}

void producer_closes() {
  unbuffered_channel<int> ch;
  fiber producer([&ch] {
    for (int i = 0; i < 3; ++i)
      ch.push(i);
    ch.close();
  });
  for (int v : ch)
    work(v);
  producer.join();
}

void pop_until_closed() {
  buffered_channel<int> ch{4};
  fiber consumer([&ch] {
    int v = 0;
    while (channel_op_status::success == ch.pop(v))
      work(v);
  });
  ch.push(1);
  ch.push(2);
  ch.push(3);
  ch.push(4);
  ch.close();
  consumer.join();
}

void feed(unbuffered_channel<int> &ch) {
  ch.push(1);
  ch.close();
}
void drain(unbuffered_channel<int> &ch) {
  for (int v : ch)
    work(v);
}
void functions_with_ref() {
  unbuffered_channel<int> ch;
  fiber f1(&feed, std::ref(ch));
  fiber f2(launch::post, &drain, std::ref(ch));
  f1.join();
  f2.join();
}

void ping_pong() {
  buffered_channel<int> ping{2}, pong{2};
  fiber a([&] {
    ping.push(1);
    work(pong.value_pop());
  });
  fiber b([&] {
    work(ping.value_pop());
    pong.push(2);
  });
  a.join();
  b.join();
}

// Fibers are scheduled cooperatively: a polling loop must yield, or the
// other fiber never runs.
void non_blocking() {
  buffered_channel<int> ch{2};
  mutex mu;
  fiber f([&] {
    std::lock_guard<mutex> lock(mu);
    while (ch.try_push(1) != channel_op_status::success)
      boost::this_fiber::yield();
  });
  int v = 0;
  while (ch.try_pop(v) != channel_op_status::success)
    boost::this_fiber::yield();
  f.join();
}

// boost::fibers::async is not modelled: what the fiber it starts captures or
// gets by std::ref escapes, and is not judged.
void produce_into(unbuffered_channel<int> &ch) {
  ch.push(1);
  ch.close();
}
void with_async() {
  unbuffered_channel<int> a, b, c;
  fiber f([&a] { produce_into(a); });
  auto fb = async([&b] { produce_into(b); });
  auto fc = async(launch::post, &produce_into, std::ref(c));
  for (int v : a)
    work(v);
  for (int v : b)
    work(v);
  for (int v : c)
    work(v);
  fb.get();
  fc.get();
  f.join();
}
