// Two goroutines that loop calling helpers, each call a frame of its own:
// the search numbers frames by where the state reaches them, so taking turns
// does not make new states forever and the search ends (it would give up,
// reporting nothing, at its state budget).
// RUN: %expect_exit 1 %chcheck %s --stats -- -std=c++20 -I%runtime_include 2>&1 | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

struct Relay {
  chan::Chan<int> in = chan::make<int>();
  chan::Chan<int> out = chan::make<int>();
  chan::Chan<chan::Unit> stop = chan::make<chan::Unit>();

  // Both return whether 'stop' was closed.
  bool feed(int v) {
    bool stopped = false;
    chan::select(chan::on_send(in, v, [] {}), chan::on_recv(stop, [&] { stopped = true; }));
    return stopped;
  }
  // Forwards one value; the forwarding send does not watch 'stop'.
  bool forward() {
    bool stopped = false;
    chan::select(chan::on_recv(in, [&](int v) { out.send(v); }), chan::on_recv(stop, [&] { stopped = true; }));
    // CHECK: :[[@LINE-1]]:49: warning: the goroutine started at line [[@LINE+9]] blocks forever sending on channel 'out'
    return stopped;
  }
};

// Takes one value and stops: the forwarder may already hold the next one.
int first_value() {
  Relay r;
  chan::go([&r] { while (!r.feed(1)) {} });
  chan::go([&r] { while (!r.forward()) {} });
  int v = r.out.recv();
  r.stop.close();
  return v;
}

// ---- nothing below may be reported ----

// Whether the relay still runs (a value the search does not track).
bool feeding(Relay &r) { return !r.feed(1); }
bool forwarding(Relay &r) { return !r.forward(); }

int two_values() {
  Relay r;
  chan::go([&r] { while (feeding(r)) {} });
  chan::go([&r] { while (forwarding(r)) {} });
  int a = r.out.recv();
  int b = r.out.recv();
  r.stop.close();
  return a + b;
}

// CHECK: chcheck: stats: 16 functions, 2 regions explored, {{[0-9]+}} states, 0 budget hits
