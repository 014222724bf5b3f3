// corpus: safe/locks_try_lock_backoff
// origin: precision suite
// mechanism: two workers need a pair of chan::Mutex locks and take them in opposite orders, but only the first is a blocking lock(): the second is try_lock(), and on failure the worker releases the first, yields and retries, so no worker ever waits while holding a lock the other needs (no wait cycle).
// run: exit0
#include <chan/chan.hpp>

#include <thread>

struct Resource {
  chan::Mutex mu;
  int uses = 0;
};

// Locks `first` blocking and `second` without blocking; backs off on failure.
int use_both(Resource& first, Resource& second) {
  int attempts = 0;
  for (;;) {
    ++attempts;
    first.mu.lock();
    if (second.mu.try_lock()) {
      ++first.uses;
      ++second.uses;
      second.mu.unlock();
      first.mu.unlock();
      return attempts;
    }
    first.mu.unlock();
    std::this_thread::yield();
  }
}

int main() {
  Resource printer, scanner;
  chan::WaitGroup wg;
  auto attempts = chan::make<int>(2);
  wg.add(2);
  chan::go([&] {
    int total = 0;
    for (int i = 0; i < 200; ++i) total += use_both(printer, scanner);
    attempts.send(total);
    wg.done();
  });
  chan::go([&] {
    int total = 0;
    for (int i = 0; i < 200; ++i) total += use_both(scanner, printer);
    attempts.send(total);
    wg.done();
  });
  wg.wait();
  const int tries = attempts.recv() + attempts.recv();
  return printer.uses == 400 && scanner.uses == 400 && tries >= 400 ? 0 : 1;
}
