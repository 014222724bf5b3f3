// A named constant sent on a channel (constexpr, enum) is its value: the
// receiver's branches on it are decided, not guessed, so a block they lead
// to is reported, and one they avoid is not.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

constexpr int kFlush = 1;
constexpr int kQuit = 2;

class Writer {
public:
  void run() {
    for (int cmd : commands_) {
      if (cmd == kFlush)
        acks_.send(cmd);
      // CHECK: :[[@LINE-1]]:9: error: the goroutine started at line [[@LINE+15]] blocks forever sending on channel 'acks_': no goroutine is left to receive (a goroutine leak) [CH201 blocked-send-leak]
    }
  }
  void command(int cmd) { commands_.send(cmd); }
  void wait_ack() { acks_.recv(); }
  void stop() { commands_.close(); }

private:
  chan::Chan<int> commands_ = chan::make<int>(4);
  chan::Chan<int> acks_ = chan::make<int>();
};

// A flush is acknowledged, and nobody waits for the acknowledgement.
void flush_without_ack() {
  Writer w;
  chan::go([&w] { w.run(); });
  w.command(kFlush);
  w.stop();
}

// ---- nothing below may be reported ----

void flush_with_ack() {
  Writer w;
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&w, &wg] { w.run(); wg.done(); });
  w.command(kFlush);
  w.wait_ack();
  w.stop();
  wg.wait();
}

// A quit is not acknowledged: nothing blocks.
void quit_only() {
  Writer w;
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&w, &wg] { w.run(); wg.done(); });
  w.command(kQuit);
  w.stop();
  wg.wait();
}
