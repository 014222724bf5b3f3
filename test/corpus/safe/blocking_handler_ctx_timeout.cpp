// corpus: safe/blocking_handler_ctx_timeout
// origin: precision suite
// mechanism: a request handler runs the backend call in a goroutine that reports on a buffered(1) channel and waits for either the result or ctx.done() of a with_timeout context; when the handler gives up first, the worker's send still completes into the buffer, so the worker never blocks; the server waits for in-flight workers at shutdown.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

struct Response {
  int status = 0;
  std::string body;
};

class Handler {
 public:
  Response serve(const std::string& path, std::chrono::milliseconds budget) {
    auto [ctx, cancel] = chan::with_timeout(chan::background(), budget);
    auto result = chan::make<Response>(1);  // room for the answer even if nobody waits
    inflight_.add(1);
    chan::go([this, path, result] {
      result.send(backend(path));
      inflight_.done();
    });

    Response out{504, "timeout"};
    chan::select(chan::on_recv(result, [&](Response r) { out = std::move(r); }),
                 chan::on_recv(ctx.done(), [] {}));
    cancel();
    return out;
  }

  void shutdown() { inflight_.wait(); }

 private:
  static Response backend(const std::string& path) {
    if (path == "/slow") {
      auto t = chan::after(100ms);
      t.recv();
    }
    return {200, "ok " + path};
  }

  chan::WaitGroup inflight_;
};

int main() {
  Handler h;
  const Response fast = h.serve("/health", 10s);
  const Response slow = h.serve("/slow", 1ms);  // usually 504; 200 if the timer lost the race
  h.shutdown();
  const bool slow_ok = slow.status == 504 || slow.body == "ok /slow";
  return fast.status == 200 && slow_ok ? 0 : 1;
}
