// One steady-state measurement of the chan runtime, or of a std::mutex +
// std::condition_variable queue, in the shapes of bench/go/chan_bench.go:
//
//   chan_bench <chan|condvar> <pingpong|spsc|mpmc|select> <capacity> <messages>
//
// The goroutines (threads) are started once and move `messages` messages
// (round trips for pingpong).  The clock starts when the consumers have
// taken the first tenth (warm-up: caches, spin averages, the scheduler's
// view of the threads) and stops when they took the last message.  Prints
// one line: "<wall ns per message> <CPU ns per message>", CPU being the
// whole process's (every thread) over the same window.  A third field
// gives the process's context switches (voluntary and involuntary, every
// thread) per 1000 messages over the same window.
//
//   chan_bench futex pingpong 0 <round trips>
//
// is the floor of a hand-off between two OS threads: two threads bounce a
// value through one futex word each way, sleeping at once when the value
// is not there (no spinning, no yielding), so each hand-off is one futex
// wake and one context switch unless the partner is still running.
// bench/run-runtime-bench.sh runs it interleaved with the Go program.
#include <chan/chan.hpp>

#include <linux/futex.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <latch>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kProducers = 4, kConsumers = 4, kSelectChannels = 4;
constexpr std::int64_t kProgressBatch = 1024;

std::int64_t now_ns(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Context switches of the whole process so far (every thread, voluntary
// and involuntary).
std::int64_t context_switches() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<std::int64_t>(ru.ru_nvcsw) + ru.ru_nivcsw;
}

// Share of `total` for worker `i` of `n`, so the shares add up exactly.
std::int64_t share(std::int64_t total, int i, int n) { return total / n + (i < total % n ? 1 : 0); }

// The measurement window, marked by the consumers as they go: each adds
// its progress in batches; the batch that crosses the warm-up mark starts
// the clocks, the last consumer to finish stops them.
class Window {
 public:
  Window(std::int64_t messages, int consumers) : messages_(messages), warmup_(messages / 10), consumers_(consumers) {}

  // Called by a consumer every kProgressBatch messages, and with the rest
  // of its count when it finishes.
  void progress(std::int64_t n) {
    const std::int64_t before = taken_.fetch_add(n, std::memory_order_relaxed);
    if (before < warmup_ && before + n >= warmup_) {
      wall0_ = now_ns(CLOCK_MONOTONIC);
      cpu0_ = now_ns(CLOCK_PROCESS_CPUTIME_ID);
      switches0_ = context_switches();
      measured_from_ = before + n;
    }
  }
  void consumer_done() {
    if (finished_.fetch_add(1, std::memory_order_acq_rel) + 1 == consumers_) {
      wall1_ = now_ns(CLOCK_MONOTONIC);
      cpu1_ = now_ns(CLOCK_PROCESS_CPUTIME_ID);
      switches1_ = context_switches();
    }
  }
  void print() const {
    const double n = static_cast<double>(messages_ - measured_from_);
    std::printf("%.1f %.1f %.2f\n", static_cast<double>(wall1_ - wall0_) / n, static_cast<double>(cpu1_ - cpu0_) / n,
                1000.0 * static_cast<double>(switches1_ - switches0_) / n);
  }

 private:
  std::int64_t messages_, warmup_;
  int consumers_;
  std::atomic<std::int64_t> taken_{0};
  std::atomic<int> finished_{0};
  std::int64_t wall0_ = 0, cpu0_ = 0, wall1_ = 0, cpu1_ = 0, measured_from_ = 0;
  std::int64_t switches0_ = 0, switches1_ = 0;
};

// Counts a consumer's messages into the window in batches.
class Progress {
 public:
  explicit Progress(Window& w) : w_(w) {}
  void one() {
    if (++pending_ == kProgressBatch) {
      w_.progress(pending_);
      pending_ = 0;
    }
  }
  ~Progress() {
    w_.progress(pending_);
    w_.consumer_done();
  }

 private:
  Window& w_;
  std::int64_t pending_ = 0;
};

// ---------------------------------------------------------------- chan

// Goroutines start together once all exist; main waits for them parked in
// a WaitGroup, as Go's main does, so it does not count as running.
struct ChanImpl {
  chan::WaitGroup started, done;
  chan::Chan<chan::Unit> gate = chan::make<chan::Unit>();

  template <class F>
  void spawn(F f) {
    started.add(1);
    done.add(1);
    chan::go([this, f]() mutable {
      started.done();
      (void)gate.recv();
      f();
      done.done();
    });
  }
  void run() {
    started.wait();
    gate.close();
    done.wait();
  }

  void pingpong(std::size_t cap, std::int64_t n) {
    auto ping = chan::make<std::int64_t>(cap), pong = chan::make<std::int64_t>(cap);
    Window w(n, 1);
    spawn([=]() mutable {
      for (std::int64_t i = 0; i < n; ++i) pong.send(ping.recv());
    });
    spawn([=, &w]() mutable {
      Progress p(w);
      for (std::int64_t i = 0; i < n; ++i) {
        ping.send(i);
        (void)pong.recv();
        p.one();
      }
    });
    run();
    w.print();
  }

  void spsc(std::size_t cap, std::int64_t n) {
    auto ch = chan::make<std::int64_t>(cap);
    Window w(n, 1);
    spawn([=]() mutable {
      for (std::int64_t i = 0; i < n; ++i) ch.send(i);
    });
    spawn([=, &w]() mutable {
      Progress p(w);
      for (std::int64_t i = 0; i < n; ++i) {
        (void)ch.recv();
        p.one();
      }
    });
    run();
    w.print();
  }

  void mpmc(std::size_t cap, std::int64_t n) {
    auto ch = chan::make<std::int64_t>(cap);
    Window w(n, kConsumers);
    chan::WaitGroup producers;
    producers.add(kProducers);
    for (int p = 0; p < kProducers; ++p)
      spawn([=, &producers, k = share(n, p, kProducers)]() mutable {
        for (std::int64_t i = 0; i < k; ++i) ch.send(i);
        producers.done();
      });
    spawn([=, &producers]() mutable {
      producers.wait();
      ch.close();
    });
    for (int c = 0; c < kConsumers; ++c)
      spawn([=, &w] {
        Progress p(w);
        for (std::int64_t v : ch) {
          (void)v;
          p.one();
        }
      });
    run();
    w.print();
  }

  void select(std::size_t cap, std::int64_t n) {
    std::vector<chan::Chan<std::int64_t>> chans;
    for (int k = 0; k < kSelectChannels; ++k) chans.push_back(chan::make<std::int64_t>(cap));
    Window w(n, 1);
    for (int k = 0; k < kSelectChannels; ++k)
      spawn([ch = chans[k], m = share(n, k, kSelectChannels)]() mutable {
        for (std::int64_t i = 0; i < m; ++i) ch.send(i);
      });
    spawn([chans, n, &w] {
      Progress p(w);
      std::int64_t sum = 0;
      auto take = [&sum](std::int64_t v) { sum += v; };
      for (std::int64_t i = 0; i < n; ++i) {
        chan::select(chan::on_recv(chans[0], take), chan::on_recv(chans[1], take), chan::on_recv(chans[2], take),
                     chan::on_recv(chans[3], take));
        p.one();
      }
      if (sum < 0) std::abort();
    });
    run();
    w.print();
  }
};

// ---------------------------------------------------------------- mutex + condvar baseline

// The textbook bounded blocking queue: one mutex, two condition variables,
// a ring buffer.  close() wakes everybody; pop() returns nullopt once closed
// and drained.
template <class T>
class CondvarQueue {
 public:
  explicit CondvarQueue(std::size_t capacity) : ring_(capacity) {}

  void push(T value) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return size_ < ring_.size(); });
    ring_[(head_ + size_) % ring_.size()] = std::move(value);
    ++size_;
    not_empty_.notify_one();
  }

  std::optional<T> pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return size_ > 0 || closed_; });
    if (size_ == 0) return std::nullopt;
    T value = std::move(ring_[head_]);
    head_ = (head_ + 1) % ring_.size();
    --size_;
    not_full_.notify_one();
    return value;
  }

  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::vector<T> ring_;
  std::size_t head_ = 0, size_ = 0;
  bool closed_ = false;
};

struct CondvarImpl {
  std::vector<std::function<void()>> bodies;

  template <class F>
  void spawn(F f) {
    bodies.emplace_back(std::move(f));
  }
  void run() {
    std::latch gate(1);
    std::vector<std::thread> threads;
    for (auto& body : bodies)
      threads.emplace_back([&gate, &body] {
        gate.wait();
        body();
      });
    gate.count_down();
    for (auto& t : threads) t.join();
  }

  // A condvar queue has no rendezvous: capacity 1 is the closest shape.
  void pingpong(std::size_t cap, std::int64_t n) {
    CondvarQueue<std::int64_t> ping(cap), pong(cap);
    Window w(n, 1);
    spawn([&] {
      for (std::int64_t i = 0; i < n; ++i) pong.push(*ping.pop());
    });
    spawn([&] {
      Progress p(w);
      for (std::int64_t i = 0; i < n; ++i) {
        ping.push(i);
        (void)pong.pop();
        p.one();
      }
    });
    run();
    w.print();
  }

  void spsc(std::size_t cap, std::int64_t n) {
    CondvarQueue<std::int64_t> q(cap);
    Window w(n, 1);
    spawn([&] {
      for (std::int64_t i = 0; i < n; ++i) q.push(i);
    });
    spawn([&] {
      Progress p(w);
      for (std::int64_t i = 0; i < n; ++i) {
        (void)q.pop();
        p.one();
      }
    });
    run();
    w.print();
  }

  void mpmc(std::size_t cap, std::int64_t n) {
    CondvarQueue<std::int64_t> q(cap);
    Window w(n, kConsumers);
    std::atomic<int> producing{kProducers};
    for (int p = 0; p < kProducers; ++p)
      spawn([&, k = share(n, p, kProducers)] {
        for (std::int64_t i = 0; i < k; ++i) q.push(i);
        if (producing.fetch_sub(1) == 1) q.close();
      });
    for (int c = 0; c < kConsumers; ++c)
      spawn([&] {
        Progress p(w);
        while (q.pop()) p.one();
      });
    run();
    w.print();
  }
};

// ---------------------------------------------------------------- raw futex hand-off

// One value slot and its state word: empty, full, or empty with the taker
// asleep on the word (put() wakes it only then).
class FutexSlot {
 public:
  void put(std::int64_t v) {
    value_ = v;
    if (state_.exchange(kFull, std::memory_order_release) == kWaiting) wake();
  }
  std::int64_t take() {
    std::uint32_t s = state_.load(std::memory_order_acquire);
    while (s != kFull) {
      if (s == kEmpty && !state_.compare_exchange_strong(s, kWaiting, std::memory_order_acquire)) continue;
      syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&state_), FUTEX_WAIT_PRIVATE, kWaiting, nullptr,
              nullptr, 0);
      s = state_.load(std::memory_order_acquire);
    }
    state_.store(kEmpty, std::memory_order_relaxed);
    return value_;
  }

 private:
  static constexpr std::uint32_t kEmpty = 0, kFull = 1, kWaiting = 2;
  void wake() {
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&state_), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
  }
  std::atomic<std::uint32_t> state_{kEmpty};
  std::int64_t value_ = 0;
};

struct FutexImpl {
  void pingpong(std::int64_t n) {
    FutexSlot ping, pong;
    Window w(n, 1);
    std::latch gate(1);
    std::thread echo([&] {
      gate.wait();
      for (std::int64_t i = 0; i < n; ++i) pong.put(ping.take());
    });
    std::thread driver([&] {
      gate.wait();
      Progress p(w);
      for (std::int64_t i = 0; i < n; ++i) {
        ping.put(i);
        (void)pong.take();
        p.one();
      }
    });
    gate.count_down();
    echo.join();
    driver.join();
    w.print();
  }
};

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: chan_bench <chan|condvar|futex> <pingpong|spsc|mpmc|select> <capacity> <messages>\n"
               "  (condvar: capacity >= 1, no select; futex: pingpong 0 only)\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) usage();
  const std::string impl = argv[1], shape = argv[2];
  char* end = nullptr;
  const long cap = std::strtol(argv[3], &end, 10);
  if (*end || cap < 0) usage();
  const long long n = std::strtoll(argv[4], &end, 10);
  if (*end || n < 100) usage();
  const auto capacity = static_cast<std::size_t>(cap);
  if (impl == "chan") {
    ChanImpl c;
    if (shape == "pingpong") c.pingpong(capacity, n);
    else if (shape == "spsc") c.spsc(capacity, n);
    else if (shape == "mpmc") c.mpmc(capacity, n);
    else if (shape == "select") c.select(capacity, n);
    else usage();
  } else if (impl == "condvar") {
    if (capacity == 0) usage();
    CondvarImpl c;
    if (shape == "pingpong") c.pingpong(capacity, n);
    else if (shape == "spsc") c.spsc(capacity, n);
    else if (shape == "mpmc") c.mpmc(capacity, n);
    else usage();
  } else if (impl == "futex") {
    if (shape != "pingpong" || capacity != 0) usage();
    FutexImpl().pingpong(n);
  } else {
    usage();
  }
  return 0;
}
