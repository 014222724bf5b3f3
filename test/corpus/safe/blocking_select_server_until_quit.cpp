// corpus: safe/blocking_select_server_until_quit
// origin: precision suite
// mechanism: a rate-limiter server goroutine serves three request channels in a select loop until its quit channel closes; every request carries a buffered reply channel, clients only send requests before stop(), and stop() closes quit and waits for the server's exit signal, so neither the server nor a client is left blocked.
// run: exit0
#include <chan/chan.hpp>

#include <algorithm>
#include <map>
#include <string>

class RateLimiter {
 public:
  explicit RateLimiter(int burst) : burst_(burst) {
    chan::go([this] { loop(); });
  }

  bool allow(const std::string& client) {
    auto reply = chan::make<bool>(1);
    take_.send({client, reply});
    return reply.recv();
  }
  void refill() { refill_.send({}); }
  int tokens(const std::string& client) {
    auto reply = chan::make<int>(1);
    query_.send({client, reply});
    return reply.recv();
  }
  void stop() {
    quit_.close();
    exited_.recv();
  }

 private:
  template <class R>
  struct Req {
    std::string client;
    chan::Chan<R> reply;
  };

  void loop() {
    std::map<std::string, int> used;
    for (bool running = true; running;) {
      chan::select(chan::on_recv(take_, [&](Req<bool> r) { r.reply.send(used[r.client]++ < burst_); }),
                   chan::on_recv(query_, [&](Req<int> r) { r.reply.send(burst_ - std::min(used[r.client], burst_)); }),
                   chan::on_recv(refill_, [&] { used.clear(); }),
                   chan::on_recv(quit_, [&] { running = false; }));
    }
    exited_.close();
  }

  const int burst_;
  chan::Chan<Req<bool>> take_ = chan::make<Req<bool>>();
  chan::Chan<Req<int>> query_ = chan::make<Req<int>>();
  chan::Chan<chan::Unit> refill_ = chan::make<chan::Unit>();
  chan::Chan<chan::Unit> quit_ = chan::make<chan::Unit>();
  chan::Chan<chan::Unit> exited_ = chan::make<chan::Unit>();
};

int main() {
  RateLimiter limiter(2);
  int allowed = 0;
  for (int i = 0; i < 5; ++i)
    allowed += limiter.allow("alice") ? 1 : 0;
  const int left = limiter.tokens("alice");
  limiter.refill();
  const bool again = limiter.allow("alice");
  limiter.stop();
  return allowed == 2 && left == 0 && again ? 0 : 1;
}
