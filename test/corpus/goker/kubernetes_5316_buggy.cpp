// corpus: goker/kubernetes_5316 buggy
// origin: GoBench GoKer kubernetes#5316 (blocking: communication deadlock, channel)
// mechanism: finishRequest() gives up on the request after its timeout, but the worker goroutine then reports on an unbuffered channel nobody will read, so it blocks forever.
// run: leak
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace {

using namespace std::chrono_literals;
using Error = std::optional<std::string>;

void finish_request(std::chrono::nanoseconds timeout, std::function<Error()> fn) {
  auto ch = chan::make<bool>();            // fix: capacity 1
  auto err_ch = chan::make<std::string>();  // fix: capacity 1
  chan::go([fn, ch, err_ch] {
    if (Error err = fn()) {
      err_ch.send(*err);  // expect: CH201
    } else {
      ch.send(true);  // expect: CH201
    }
  });
  chan::select(chan::on_recv(ch, [](bool, bool) {}),
               chan::on_recv(err_ch, [](std::string, bool) {}),
               chan::on_recv(chan::after(timeout), [](auto, bool) {}));
}

}  // namespace

int main() {
  auto fn = []() -> Error {
    // The request takes longer than the timeout (200ms against 1ms), so the
    // timeout always wins: the kernel's 2ms against 1ms, made certain.
    std::this_thread::sleep_for(200ms);
    std::random_device random;
    if (random() % 10 > 5) return "Error";
    return std::nullopt;
  };
  finish_request(1ms, fn);
  // Lets the worker finish fn and block before the exit-time leak check looks.
  std::this_thread::sleep_for(500ms);
}
