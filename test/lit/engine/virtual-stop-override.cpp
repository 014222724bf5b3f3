// Engine v2, idiom 4: a virtual call closes only if the override that runs
// closes. Where the dynamic type is known (a local object, a final class, a
// reference to a class none of whose overrides close) and its override does
// not close, nothing is closed; through a base reference where some override
// closes, the channel may be closed: a warning, never an error.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

struct Service {
  chan::Chan<int> ch = chan::make<int>(4);
  virtual ~Service() = default;
  virtual void stop() { ch.close(); }
};

struct Pausable : Service {
  bool paused = false;
  void stop() override { paused = true; }
};

struct Draining final : Service {
  void stop() override {} // keeps the queue open until drained elsewhere
};

struct Quiet {
  chan::Chan<int> ch = chan::make<int>(4);
  virtual ~Quiet() = default;
  virtual void stop() {}
};

struct Loud : Quiet {
  void stop() override { ch.close(); }
};

// ---- positive cases ----

void through_base_reference(Service &s) {
  s.stop();
  // CHECK: virtual-stop-override.cpp:[[@LINE+1]]:3: warning: send on channel 's.ch' {{.*}}[CH101 send-on-closed]
  s.ch.send(1);
}

void through_base_whose_override_closes(Quiet &q) {
  q.stop();
  // CHECK: :[[@LINE+1]]:3: warning: send on channel 'q.ch' {{.*}}[CH101 send-on-closed]
  q.ch.send(1);
}

void base_object_by_value() {
  Service s;
  s.stop();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 's.ch' that is closed on every path reaching it
  s.ch.send(1);
}

// ---- negative cases: nothing below may be reported ----

void local_derived_object() {
  Pausable p;
  p.stop();
  p.ch.send(1);
}

void reference_to_final_class(Draining &d) {
  d.stop();
  d.ch.send(1);
}

void reference_to_derived_without_closing_overrides(Pausable &p) {
  p.stop();
  p.ch.send(1);
}

void pointer_to_derived(Pausable *p) {
  p->stop();
  p->ch.send(1);
}

void base_that_never_closes_by_value() {
  Quiet q;
  q.stop();
  q.ch.send(1);
}
