// corpus: goker/etcd_7492 fixed
// origin: GoBench GoKer etcd#7492 (blocking: mixed deadlock, channel & lock)
// mechanism: the keeper keeps its tokens under its own mutex instead of a channel (as upstream did), and calls the deleter with that mutex released, so adding a token never blocks under simpleTokensMu.
// run: exit0
//
// Same schedule as the buggy program: the keeper is busy expiring a token
// while three goroutines add tokens.
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

struct SimpleTokenTTLKeeper {
  chan::Mutex mu;
  std::map<std::string, std::chrono::steady_clock::time_point> tokens;  // guarded by mu
  chan::Chan<chan::Chan<chan::Unit>> stop_ch = chan::make<chan::Chan<chan::Unit>>();
  std::function<void(const std::string&)> delete_token_func;

  void run() {
    auto tick = chan::after(20ms);
    for (;;) {
      bool stopping = false;
      bool ticked = false;
      chan::select(
          chan::on_recv(tick, [&](std::chrono::steady_clock::time_point, bool) { ticked = true; }),
          chan::on_recv(stop_ch, [&](chan::Chan<chan::Unit> wait_ch, bool) {
            wait_ch.send(chan::Unit{});
            stopping = true;
          }));
      if (stopping) return;
      if (ticked) {
        std::vector<std::string> expired;
        mu.lock();
        for (const auto& [token, added] : tokens) expired.push_back(token);
        tokens.clear();
        mu.unlock();
        for (const auto& token : expired) {
          std::this_thread::sleep_for(300ms);  // expiring a token is slow
          delete_token_func(token);
        }
        tick = chan::after(20ms);
      }
    }
  }

  void add_simple_token() {
    mu.lock();
    tokens["1"] = std::chrono::steady_clock::now();
    mu.unlock();
  }

  void stop() {
    auto wait_ch = chan::make<chan::Unit>();
    stop_ch.send(wait_ch);
    wait_ch.recv();
    stop_ch.close();
  }
};

struct TokenSimple {
  std::shared_ptr<SimpleTokenTTLKeeper> simple_token_keeper;
  chan::RWMutex simple_tokens_mu;

  void assign_simple_token_to_user() {
    simple_tokens_mu.lock();
    simple_token_keeper->add_simple_token();
    simple_tokens_mu.unlock();
  }

  void enable(const std::shared_ptr<TokenSimple>& self) {
    auto keeper = std::make_shared<SimpleTokenTTLKeeper>();
    keeper->delete_token_func = [self](const std::string&) {
      self->simple_tokens_mu.lock();
      self->simple_tokens_mu.unlock();
    };
    simple_token_keeper = keeper;
    chan::go([keeper] { keeper->run(); });
  }

  void disable() {
    if (simple_token_keeper) {
      simple_token_keeper->stop();
      simple_token_keeper.reset();
    }
    simple_tokens_mu.lock();
    simple_tokens_mu.unlock();
  }
};

}  // namespace

int main() {
  auto tokens = std::make_shared<TokenSimple>();
  tokens->enable(tokens);
  tokens->assign_simple_token_to_user();
  std::this_thread::sleep_for(100ms);
  chan::WaitGroup wg;
  wg.add(3);
  for (int i = 0; i < 3; ++i) {
    chan::go([tokens, &wg] {
      tokens->assign_simple_token_to_user();
      wg.done();
    });
  }
  wg.wait();
  tokens->disable();
}
