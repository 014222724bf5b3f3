// corpus: goker/moby_4395 buggy
// origin: GoBench GoKer moby#4395 (blocking: communication deadlock, channel)
// mechanism: Go() runs f in a goroutine that sends its result on an unbuffered channel, and a caller that ignores the returned channel leaves that send blocked forever.
// run: leak
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>

using namespace std::chrono_literals;

using Error = std::optional<std::string>;  // nullopt: no error

chan::RecvChan<Error> go_async(std::function<Error()> f) {
  chan::Chan<Error> ch = chan::make<Error>();
  chan::go([ch, f = std::move(f)] {
    ch.send(f());  // expect: CH201
  });
  return ch;
}

int main() {
  go_async([]() -> Error { return "failed"; });  // the result is ignored
  std::this_thread::sleep_for(200ms);  // lets the goroutine settle before the exit-time leak check
  return 0;
}
