// corpus: safe/lifecycle_timeout_buffered_result
// origin: precision suite
// mechanism: a lookup helper starts the slow call in a goroutine that sends its answer on a buffered(1) channel and then closes it (the only sender); the caller selects between that channel and chan::after(deadline), so whichever wins, the goroutine's send never blocks and its close follows its send.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <optional>
#include <string>

using namespace std::chrono_literals;

struct Lookup {
  std::optional<std::string> answer;
  bool timed_out = false;
};

Lookup lookup_with_deadline(std::string host, std::chrono::milliseconds think, std::chrono::milliseconds deadline,
                            chan::WaitGroup& inflight) {
  auto reply = chan::make<std::string>(1);
  inflight.add(1);
  chan::go([reply, host, think, &inflight] {
    auto t = chan::after(think);
    t.recv();  // the slow resolver
    reply.send("10.0.0." + std::to_string(host.size()));
    reply.close();
    inflight.done();
  });

  Lookup out;
  chan::select(chan::on_recv(reply, [&](std::string addr, bool ok) { if (ok) out.answer = addr; }),
               chan::on_recv(chan::after(deadline), [&] { out.timed_out = true; }));
  return out;
}

int main() {
  chan::WaitGroup inflight;
  // A resolver that answers at once against a generous deadline, and one
  // that always outlives a tiny deadline (or, under heavy load, not).
  Lookup fast = lookup_with_deadline("db", 0ms, 5s, inflight);
  Lookup slow = lookup_with_deadline("cache", 200ms, 1ms, inflight);
  inflight.wait();  // the late resolver still finishes: its buffer had room

  const bool fast_ok = fast.answer == std::string("10.0.0.2") && !fast.timed_out;
  const bool slow_ok = slow.timed_out != slow.answer.has_value();
  return fast_ok && slow_ok ? 0 : 1;
}
