// RUN: %check_clang_tidy %s channel-blocked-send-leak %t
#include <chan/chan.hpp>

#include <chrono>
#include <optional>
#include <vector>

using namespace std::chrono_literals;

int compute(int);

// The caller gives up after a second; the worker's send then has no receiver.
std::optional<int> compute_with_timeout(int x) {
  auto result = chan::make<int>();
  chan::go([result, x] { result.send(compute(x)); });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: the goroutine started at line [[@LINE-1]] blocks forever sending on channel 'result': no goroutine is left to receive on some interleavings or branches (the notes show one, in order) (a goroutine leak) [channel-blocked-send-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'compute_with_timeout' starts a goroutine
  std::optional<int> out;
  chan::select(chan::on_recv(result, [&](int v) { out = v; }),
               chan::on_recv(chan::after(1s), [] {}));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: note: the timer made at line [[@LINE-1]] fires
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'compute_with_timeout' selects the case that receives from 'chan::after(1s)'
  return out;
}

void reply(chan::Chan<int> out, int server) { out.send(compute(server)); }
// CHECK-MESSAGES: :[[@LINE-1]]:47: warning: the goroutine started at line [[@LINE+6]] blocks forever sending on channel 'out': no goroutine is left to receive (a goroutine leak) [channel-blocked-send-leak]

// Asks two servers and takes the first answer: the slower one's reply blocks forever.
int first_of_two() {
  auto replies = chan::make<int>();
  chan::go([replies] { reply(replies, 1); });
  chan::go([replies] { reply(replies, 2); });
  return replies.recv();
}

// ---- nothing below may be reported ----

std::optional<int> buffered_result(int x) {
  auto result = chan::make<int>(1); // room for the one result: the worker never blocks
  chan::go([result, x] { result.send(compute(x)); });
  std::optional<int> out;
  chan::select(chan::on_recv(result, [&](int v) { out = v; }),
               chan::on_recv(chan::after(1s), [] {}));
  return out;
}

int sum_all(std::vector<int> xs) {
  auto results = chan::make<int>();
  for (int x : xs)
    chan::go([results, x] { results.send(compute(x)); });
  int sum = 0;
  for (std::size_t i = 0; i < xs.size(); ++i)
    sum += results.recv();
  return sum;
}

// ---- a deadlock of main ----

int main() {
  auto ch = chan::make<int>();
  ch.send(1); // nobody receives: Go reports "all goroutines are asleep - deadlock!"
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: main blocks forever sending on channel 'ch': no goroutine is left to receive (a deadlock) [channel-blocked-send-leak]
}
