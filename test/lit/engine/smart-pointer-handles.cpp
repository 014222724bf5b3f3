// Engine v2, idiom 6: channels reached through std::shared_ptr and
// std::unique_ptr (`s->inbox`, `(*s).inbox`, `s.get()->inbox`): copies of a
// shared_ptr share the pointee, so a close through one copy is seen through
// the others; distinct objects have distinct channels.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <memory>
#include <utility>

struct Session {
  chan::Chan<int> inbox = chan::make<int>(4);
  void close() { inbox.close(); }
};

// ---- positive cases ----

void shared_send_after_close() {
  auto s = std::make_shared<Session>();
  s->inbox.close();
  // CHECK: smart-pointer-handles.cpp:[[@LINE+1]]:3: error: send on channel 's->inbox' that is closed on every path reaching it: it panics with "send on closed channel" [CH101 send-on-closed]
  s->inbox.send(1);
}

void copy_shares_the_pointee() {
  auto s = std::make_shared<Session>();
  std::shared_ptr<Session> t = s;
  t->close();
  // CHECK: :[[@LINE+1]]:3: error: send on channel 's->inbox' that is closed on every path reaching it
  s->inbox.send(1);
}

void unique_get_and_deref() {
  auto u = std::make_unique<Session>();
  Session *raw = u.get();
  raw->inbox.close();
  // CHECK: :[[@LINE+1]]:3: error: send on channel '{{.*}}inbox' that is closed on every path reaching it
  (*u).inbox.send(1);
}

void shared_ptr_to_a_handle() {
  auto c = std::make_shared<chan::Chan<int>>(chan::make<int>(1));
  c->close();
  // CHECK: :[[@LINE+1]]:3: error: close of channel '{{.*}}', which is already closed on every path
  (*c).close();
}

// ---- negative cases: nothing below may be reported ----

void distinct_objects() {
  auto s = std::make_shared<Session>();
  auto t = std::make_shared<Session>();
  t->inbox.close();
  s->inbox.send(1);
}

void reassigned_to_a_new_object() {
  auto s = std::make_shared<Session>();
  s->close();
  s = std::make_shared<Session>();
  s->inbox.send(1);
}

void moved_unique_ptr_keeps_the_object() {
  auto u = std::make_unique<Session>();
  std::unique_ptr<Session> owner = std::move(u);
  owner->inbox.send(1);
  owner->close();
}
