// corpus: goker/moby_4395 fixed
// origin: GoBench GoKer moby#4395 (blocking: communication deadlock, channel)
// mechanism: Go() gives the result channel a buffer of one, so the goroutine can deliver its result and exit even when nobody reads it.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>

using namespace std::chrono_literals;

using Error = std::optional<std::string>;  // nullopt: no error

chan::RecvChan<Error> go_async(std::function<Error()> f) {
  chan::Chan<Error> ch = chan::make<Error>(1);
  chan::go([ch, f = std::move(f)] { ch.send(f()); });
  return ch;
}

int main() {
  go_async([]() -> Error { return "failed"; });
  std::this_thread::sleep_for(200ms);
  return 0;
}
