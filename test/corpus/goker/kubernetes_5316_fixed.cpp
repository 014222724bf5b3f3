// corpus: goker/kubernetes_5316 fixed
// origin: GoBench GoKer kubernetes#5316 (blocking: communication deadlock, channel)
// mechanism: the result channels have capacity 1, so the worker's single report never blocks even when finishRequest() has stopped listening.
// run: exit0
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
  auto ch = chan::make<bool>(1);
  auto err_ch = chan::make<std::string>(1);
  chan::go([fn, ch, err_ch] {
    if (Error err = fn()) {
      err_ch.send(*err);
    } else {
      ch.send(true);
    }
  });
  chan::select(chan::on_recv(ch, [](bool, bool) {}),
               chan::on_recv(err_ch, [](std::string, bool) {}),
               chan::on_recv(chan::after(timeout), [](auto, bool) {}));
}

}  // namespace

int main() {
  auto fn = []() -> Error {
    std::this_thread::sleep_for(200ms);  // same schedule as the buggy program
    std::random_device random;
    if (random() % 10 > 5) return "Error";
    return std::nullopt;
  };
  finish_request(1ms, fn);
  std::this_thread::sleep_for(500ms);
}
