// A generic lambda (`[&](auto v, bool ok) { ... }`) handed to a select case
// or called directly runs its instantiation: what it sends, closes and
// assigns counts like any other lambda's.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <chrono>

using namespace std::chrono_literals;

// ---- positive cases ----

// The poller stops at its deadline (the generic callback clears the flag)
// and nobody is left to send on 'never'.
void poll(chan::Chan<chan::Unit> tick) {
  auto deadline = chan::after(200ms);
  for (bool polling = true; polling;)
    chan::select(chan::on_recv(chan::after(1ms),
                               [&](auto, bool) {
                                 chan::select(chan::on_send(tick, chan::Unit{}, [] {}), chan::on_default([] {}));
                               }),
                 chan::on_recv(deadline, [&](auto, bool) { polling = false; }));
}

void wait_for_a_poller_that_stops() {
  auto tick = chan::make<chan::Unit>();
  auto never = chan::make<chan::Unit>();
  chan::go(poll, tick);
  never.recv();
  // CHECK: generic-lambda-callbacks.cpp:[[@LINE-1]]:3: warning: 'wait_for_a_poller_that_stops' blocks forever receiving from channel 'never'{{.*}}[CH202 blocked-recv-leak]
}

// The generic callback sends a reply nobody reads.
void reply_nobody_reads() {
  auto req = chan::make<int>();
  auto reply = chan::make<int>();
  chan::go([req, reply] {
    chan::select(chan::on_recv(req, [&](auto v, bool) {
      reply.send(v);
      // CHECK: :[[@LINE-1]]:7: error: the goroutine started at line [[@LINE-3]] blocks forever sending on channel 'reply'{{.*}}[CH201 blocked-send-leak]
    }));
  });
  req.send(1);
}

// ---- negative cases: nothing below may be reported ----

void reply_from_generic_callback() {
  auto req = chan::make<int>();
  auto reply = chan::make<int>();
  chan::go([req, reply] { chan::select(chan::on_recv(req, [&](auto v, bool) { reply.send(v); })); });
  req.send(1);
  reply.recv();
}

void close_from_generic_callback() {
  auto stop = chan::make<chan::Unit>();
  auto done = chan::make<chan::Unit>();
  chan::go([stop, done] { chan::select(chan::on_recv(stop, [&](auto, bool) { done.close(); })); });
  stop.close();
  done.recv();
}

void stop_flag_in_generic_callback() {
  auto stop = chan::make<chan::Unit>();
  auto done = chan::make<chan::Unit>();
  chan::go([stop, done] {
    for (bool running = true; running;)
      chan::select(chan::on_recv(stop, [&](auto, bool) { running = false; }));
    done.close();
  });
  stop.close();
  done.recv();
}
