// corpus: goker/etcd_7492 buggy
// origin: GoBench GoKer etcd#7492 (blocking: mixed deadlock, channel & lock)
// mechanism: assignSimpleTokenToUser() sends on the keeper's one-slot channel while holding simpleTokensMu, and the keeper, busy expiring tokens, calls the deleter that needs simpleTokensMu: once the slot is full the sender and the keeper wait on each other.
// run: deadlock
//
// The kernel's keeper ticks every nanosecond and hits the bad interleaving by
// chance; here the keeper ticks after 20ms and expiring a token takes 300ms,
// which forces the interleaving: the authenticating goroutines fill the slot
// and block while the keeper is busy, then the keeper asks for the lock.
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace {

using namespace std::chrono_literals;

struct SimpleTokenTTLKeeper {
  std::map<std::string, std::chrono::steady_clock::time_point> tokens;  // only run() touches it
  chan::Chan<chan::Unit> add_simple_token_ch = chan::make<chan::Unit>(1);
  chan::Chan<chan::Chan<chan::Unit>> stop_ch = chan::make<chan::Chan<chan::Unit>>();
  std::function<void(const std::string&)> delete_token_func;

  void run() {
    auto tick = chan::after(20ms);
    for (;;) {
      bool stopping = false;
      bool ticked = false;
      chan::select(
          chan::on_recv(add_simple_token_ch,
                        [&](chan::Unit, bool) { tokens["1"] = std::chrono::steady_clock::now(); }),
          chan::on_recv(tick, [&](std::chrono::steady_clock::time_point, bool) { ticked = true; }),
          chan::on_recv(stop_ch, [&](chan::Chan<chan::Unit> wait_ch, bool) {
            wait_ch.send(chan::Unit{});
            stopping = true;
          }));
      if (stopping) return;
      if (ticked) {
        for (auto it = tokens.begin(); it != tokens.end();) {
          std::this_thread::sleep_for(300ms);  // expiring a token is slow
          delete_token_func(it->first);
          it = tokens.erase(it);
        }
        tick = chan::after(20ms);
      }
    }
  }

  void add_simple_token() { add_simple_token_ch.send(chan::Unit{}); }

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
      self->simple_tokens_mu.lock();  // expect: CH203
      self->simple_tokens_mu.unlock();
    };
    simple_token_keeper = keeper;
    chan::go([keeper] { keeper->run(); });  // G1
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
  tokens->assign_simple_token_to_user();  // the keeper now holds a token
  std::this_thread::sleep_for(100ms);      // forces: the keeper is expiring it
  chan::WaitGroup wg;
  wg.add(3);
  for (int i = 0; i < 3; ++i) {
    chan::go([tokens, &wg] {  // G2
      tokens->assign_simple_token_to_user();
      wg.done();
    });
  }
  wg.wait();
  tokens->disable();
}
