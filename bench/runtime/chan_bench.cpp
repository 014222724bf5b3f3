// Channel benchmarks: the chan runtime against a plain std::mutex +
// std::condition_variable queue, in the shapes of bench/go/chan_bench.go.
//
// Every benchmark iteration moves kMessages messages through fresh
// goroutines (threads), like one run of a Go benchmark moves b.N; the
// `ns_per_msg` counter is wall time per message (per round trip for
// ping-pong), the figure compared with Go's ns/op.
#include <chan/chan.hpp>

#include <benchmark/benchmark.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace {

constexpr int kMessages = 1 << 16;
constexpr std::size_t kBufferedCap = 128;
constexpr int kProducers = 4, kConsumers = 4, kSelectChannels = 4;

void report_per_message(benchmark::State& state, std::int64_t messages_per_iteration) {
  // kIsRate | kInvert: seconds per message over the measured wall time.
  state.counters["ns_per_msg"] =
      benchmark::Counter(static_cast<double>(state.iterations() * messages_per_iteration),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Share of `total` for worker `i` of `n`, so the shares add up exactly.
int share(int total, int i, int n) { return total / n + (i < total % n ? 1 : 0); }

// ---------------------------------------------------------------- chan

void chan_pingpong(benchmark::State& state) {
  for (auto _ : state) {
    auto ping = chan::make<int>(), pong = chan::make<int>();
    chan::go([ping, pong]() mutable {
      for (int i = 0; i < kMessages; ++i) pong.send(ping.recv());
    });
    for (int i = 0; i < kMessages; ++i) {
      ping.send(i);
      benchmark::DoNotOptimize(pong.recv());
    }
  }
  report_per_message(state, kMessages);
}

void chan_buffered_1to1(benchmark::State& state) {
  for (auto _ : state) {
    auto ch = chan::make<int>(kBufferedCap);
    chan::go([ch]() mutable {
      for (int i = 0; i < kMessages; ++i) ch.send(i);
    });
    for (int i = 0; i < kMessages; ++i) benchmark::DoNotOptimize(ch.recv());
  }
  report_per_message(state, kMessages);
}

void chan_mpmc(benchmark::State& state) {
  for (auto _ : state) {
    auto ch = chan::make<int>(kBufferedCap);
    chan::WaitGroup producers, consumers;
    producers.add(kProducers);
    consumers.add(kConsumers);
    for (int p = 0; p < kProducers; ++p)
      chan::go([ch, &producers, n = share(kMessages, p, kProducers)]() mutable {
        for (int i = 0; i < n; ++i) ch.send(i);
        producers.done();
      });
    for (int c = 0; c < kConsumers; ++c)
      chan::go([ch, &consumers] {
        for (int v : ch) benchmark::DoNotOptimize(v);
        consumers.done();
      });
    producers.wait();
    ch.close();
    consumers.wait();
  }
  report_per_message(state, kMessages);
}

void chan_select4(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<chan::Chan<int>> chans;
    for (int k = 0; k < kSelectChannels; ++k) {
      chans.push_back(chan::make<int>(kBufferedCap));
      chan::go([ch = chans.back(), n = share(kMessages, k, kSelectChannels)]() mutable {
        for (int i = 0; i < n; ++i) ch.send(i);
      });
    }
    long sum = 0;
    auto take = [&sum](int v, bool) { sum += v; };
    for (int i = 0; i < kMessages; ++i)
      chan::select(chan::on_recv(chans[0], take), chan::on_recv(chans[1], take), chan::on_recv(chans[2], take),
                   chan::on_recv(chans[3], take));
    benchmark::DoNotOptimize(sum);
  }
  report_per_message(state, kMessages);
}

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

void condvar_pingpong(benchmark::State& state) {
  // Unbuffered has no equivalent; two capacity-1 queues give the same
  // hand-off pattern (each side waits for the other every round).
  for (auto _ : state) {
    CondvarQueue<int> ping(1), pong(1);
    std::thread echo([&] {
      for (int i = 0; i < kMessages; ++i) pong.push(*ping.pop());
    });
    for (int i = 0; i < kMessages; ++i) {
      ping.push(i);
      benchmark::DoNotOptimize(pong.pop());
    }
    echo.join();
  }
  report_per_message(state, kMessages);
}

void condvar_buffered_1to1(benchmark::State& state) {
  for (auto _ : state) {
    CondvarQueue<int> q(kBufferedCap);
    std::thread producer([&] {
      for (int i = 0; i < kMessages; ++i) q.push(i);
    });
    for (int i = 0; i < kMessages; ++i) benchmark::DoNotOptimize(q.pop());
    producer.join();
  }
  report_per_message(state, kMessages);
}

void condvar_mpmc(benchmark::State& state) {
  for (auto _ : state) {
    CondvarQueue<int> q(kBufferedCap);
    std::vector<std::thread> producers, consumers;
    for (int p = 0; p < kProducers; ++p)
      producers.emplace_back([&q, n = share(kMessages, p, kProducers)] {
        for (int i = 0; i < n; ++i) q.push(i);
      });
    for (int c = 0; c < kConsumers; ++c)
      consumers.emplace_back([&q] {
        while (auto v = q.pop()) benchmark::DoNotOptimize(*v);
      });
    for (auto& t : producers) t.join();
    q.close();
    for (auto& t : consumers) t.join();
  }
  report_per_message(state, kMessages);
}

}  // namespace

int main(int argc, char** argv) {
  // Names are <implementation>/<shape>; run-runtime-bench.sh matches the
  // shapes with bench/go/chan_bench.go's output.
  auto reg = [](const char* name, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark(name, fn)->UseRealTime()->Unit(benchmark::kMillisecond);
  };
  reg("chan/pingpong_unbuffered", chan_pingpong);
  reg("chan/buffered_1to1", chan_buffered_1to1);
  reg("chan/mpmc_4x4", chan_mpmc);
  reg("chan/select_4", chan_select4);
  reg("condvar/pingpong_unbuffered", condvar_pingpong);
  reg("condvar/buffered_1to1", condvar_buffered_1to1);
  reg("condvar/mpmc_4x4", condvar_mpmc);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
