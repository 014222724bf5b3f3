// Engine v2, idiom 10: a destructor that closes a channel runs at scope exit
// (an RAII guard), at `unique_ptr::reset()` / assignment of nullptr, and at
// `delete`: a later send through another handle of that channel panics. A
// reset of an empty unique_ptr runs no destructor.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <memory>
#include <utility>

class Closer {
public:
  explicit Closer(chan::Chan<int> c) : ch_(std::move(c)) {}
  Closer(const Closer &) = delete;
  Closer &operator=(const Closer &) = delete;
  ~Closer() { ch_.close(); }

private:
  chan::Chan<int> ch_;
};

// ---- positive cases ----

void scope_exit_closes() {
  auto ch = chan::make<int>(1);
  {
    Closer guard(ch);
  }
  // CHECK: destructor-closes.cpp:[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path reaching it: it panics with "send on closed channel" [CH101 send-on-closed]
  ch.send(1);
}

void reset_closes() {
  auto ch = chan::make<int>(1);
  auto owner = std::make_unique<Closer>(ch);
  owner.reset();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path reaching it
  ch.send(1);
}

void assigning_nullptr_closes() {
  auto ch = chan::make<int>(1);
  std::unique_ptr<Closer> owner = std::make_unique<Closer>(ch);
  owner = nullptr;
  // CHECK: :[[@LINE+1]]:3: error: close of channel 'ch', which is already closed on every path
  ch.close();
}

void delete_closes() {
  auto ch = chan::make<int>(1);
  Closer *owner = new Closer(ch);
  delete owner;
  // CHECK: :[[@LINE+1]]:3: error: send on channel 'ch' that is closed on every path reaching it
  ch.send(1);
}

// ---- negative cases: nothing below may be reported ----

void send_before_the_guard_ends() {
  auto ch = chan::make<int>(1);
  Closer guard(ch);
  ch.send(1);
}

void send_before_reset() {
  auto ch = chan::make<int>(1);
  auto owner = std::make_unique<Closer>(ch);
  ch.send(1);
  owner.reset();
}

void reset_of_a_moved_from_unique_ptr() {
  auto ch = chan::make<int>(1);
  auto owner = std::make_unique<Closer>(ch);
  std::unique_ptr<Closer> keeper = std::move(owner);
  owner.reset(); // empty: no destructor runs
  ch.send(1);
}

void two_guards_two_channels() {
  auto a = chan::make<int>(1), b = chan::make<int>(1);
  {
    Closer guard(a);
  }
  b.send(1);
}
