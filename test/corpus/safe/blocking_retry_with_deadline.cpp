// corpus: safe/blocking_retry_with_deadline
// origin: precision suite
// mechanism: a client retries a flaky call up to 5 times, each attempt in its own goroutine answering on a fresh buffered(1) channel and each wait bounded by chan::after; a late answer from an abandoned attempt lands in that attempt's buffer and is garbage, never a blocked goroutine, and the client waits for all attempts before returning.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <chrono>
#include <optional>

using namespace std::chrono_literals;

class FlakyService {
 public:
  // Attempts 0 and 1 stall past any reasonable deadline; later ones answer.
  std::optional<int> call() {
    const int attempt = attempts_++;
    if (attempt < 2) {
      auto stall = chan::after(50ms);
      stall.recv();
      return std::nullopt;
    }
    return 200;
  }
  int attempts() const { return attempts_.load(); }

 private:
  std::atomic<int> attempts_{0};
};

std::optional<int> call_with_retry(FlakyService& svc, int max_attempts, std::chrono::milliseconds per_try,
                                   chan::WaitGroup& attempts) {
  for (int i = 0; i < max_attempts; ++i) {
    auto answer = chan::make<std::optional<int>>(1);
    attempts.add(1);
    chan::go([&svc, answer, &attempts] {
      answer.send(svc.call());
      attempts.done();
    });
    std::optional<int> got;
    chan::select(chan::on_recv(answer, [&](std::optional<int> v) { got = v; }),
                 chan::on_recv(chan::after(per_try), [] {}));
    if (got) return got;
  }
  return std::nullopt;
}

int main() {
  FlakyService svc;
  chan::WaitGroup attempts;
  const auto status = call_with_retry(svc, 5, 20ms, attempts);
  attempts.wait();
  // Under heavy load an attempt may time out even when it answered: the
  // client then retries, so any answer it got is 200 and it used <= 5 tries.
  return (!status || *status == 200) && svc.attempts() <= 5 ? 0 : 1;
}
