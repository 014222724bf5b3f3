// len() reads how many values a channel buffers at the moment it runs (a
// step of its own, interleaved like a send or a receive); on a nil channel
// it is 0, on a channel the explorer does not know it is unknown.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <thread>

// ---- positive cases ----

// The consumer loops only while values are buffered: it may quit while the
// producer still has values to send, and the producer's next send blocks
// once the buffer is full.
void consume_while_buffered() {
  auto ch = chan::make<int>(2);
  chan::go([ch] {
    for (int i = 0; i < 5; ++i)
      ch.send(i);
      // CHECK: channel-length.cpp:[[@LINE-1]]:7: warning: the goroutine started at line [[@LINE-3]] blocks forever sending on channel 'ch'{{.*}}on some interleavings{{.*}}[CH201 blocked-send-leak]
    ch.close();
  });
  while (ch.len() > 0)
    chan::select(chan::on_recv(ch, [](int, bool) {}), chan::on_default([] {}));
}

// ---- negative cases: nothing below may be reported ----

void drain_what_is_buffered() {
  auto ch = chan::make<int>(3);
  ch.send(1);
  ch.send(2);
  chan::go([] {});
  while (ch.len() > 0)
    ch.recv();
}

void wait_until_consumed() {
  auto ch = chan::make<int>(1);
  ch.send(1);
  auto done = chan::make<chan::Unit>();
  chan::go([ch, done] {
    ch.recv();
    done.close();
  });
  while (ch.len() != 0)
    std::this_thread::yield();
  done.recv();
}

void receive_only_what_is_there(chan::Chan<int> ch) {
  auto done = chan::make<chan::Unit>();
  chan::go([done] { done.close(); });
  if (ch.len() > 0)
    ch.recv();
  done.recv();
}

void nothing_buffered_on_an_unbuffered_channel() {
  auto ch = chan::make<int>();
  chan::go([] {});
  if (ch.len() != 0)
    ch.recv();
}
