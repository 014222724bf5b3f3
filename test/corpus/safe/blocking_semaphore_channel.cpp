// corpus: safe/blocking_semaphore_channel
// origin: precision suite
// mechanism: a counting semaphore made of a buffered channel of capacity K (acquire = send, release = recv, wrapped in an RAII Permit) limits how many of N download goroutines run at once; every acquire is matched by a release on every path, and results go into a channel sized to N, so no goroutine blocks forever.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <chrono>
#include <thread>

class Semaphore {
 public:
  explicit Semaphore(std::size_t permits) : slots_(chan::make<chan::Unit>(permits)) {}
  void acquire() { slots_.send({}); }
  void release() { slots_.recv(); }

 private:
  chan::Chan<chan::Unit> slots_;
};

class Permit {
 public:
  explicit Permit(Semaphore& s) : s_(s) { s_.acquire(); }
  Permit(const Permit&) = delete;
  ~Permit() { s_.release(); }

 private:
  Semaphore& s_;
};

int main() {
  constexpr int kDownloads = 12;
  constexpr int kParallel = 3;
  Semaphore sem(kParallel);
  std::atomic<int> running{0}, peak{0};
  auto sizes = chan::make<int>(kDownloads);

  chan::WaitGroup wg;
  for (int i = 0; i < kDownloads; ++i) {
    wg.add(1);
    chan::go([&, i] {
      {
        Permit p(sem);
        const int now = ++running;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {}
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --running;
        sizes.send(i * 100);
      }
      wg.done();  // after the permit went back: sem outlives every use
    });
  }

  int total = 0;
  for (int i = 0; i < kDownloads; ++i)
    total += sizes.recv();
  wg.wait();
  return total == 6600 && peak.load() <= kParallel ? 0 : 1;
}
