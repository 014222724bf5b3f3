// corpus: goker/etcd_7902 fixed
// origin: GoBench GoKer etcd#7902 (blocking: mixed deadlock, channel & lock)
// mechanism: release() is no longer called under mu (the upstream fix); it takes mu only to swap nextc, so followers wait for the leader's close without holding the lock.
// run: exit0
//
// Unlike Go, C++ must not touch nextc unlocked, so the leader swaps it under
// mu.  The leader also leaves the last nextc closed: a follower that lags a
// round behind a leader that has finished would otherwise wait forever on a
// channel nobody will close.
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <thread>
#include <vector>

namespace {

struct RoundClient {
  int progress = 0;
  std::function<void()> acquire;
  std::function<void()> validate;
  std::function<void()> release;
};

constexpr int kRounds = 100;

void do_rounds(std::vector<RoundClient>& clients, chan::Mutex& mu, int rounds) {
  chan::WaitGroup wg;
  wg.add(static_cast<int>(clients.size()));
  for (auto& client : clients) {
    chan::go([&mu, &wg, &client, rounds] {
      while (client.progress < rounds || rounds <= 0) {
        client.acquire();
        mu.lock();
        client.validate();
        mu.unlock();
        client.progress++;
        client.release();
      }
      wg.done();
    });
  }
  wg.wait();
}

void run_election() {
  std::vector<RoundClient> clients(3);
  chan::Mutex mu;
  auto nextc = chan::make<bool>();
  std::vector<chan::Chan<bool>> client_nextc(clients.size());
  for (std::size_t i = 0; i < clients.size(); ++i) {
    chan::Chan<bool>& rc_nextc = client_nextc[i];
    clients[i].acquire = [i, &clients] {
      // Same schedule as the buggy program: a slow first acquire by the leader.
      if (i == 0 && clients[i].progress == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    };
    clients[i].validate = [&rc_nextc, &nextc] { rc_nextc = nextc; };
    clients[i].release = [i, &clients, &mu, &rc_nextc, &nextc] {
      if (i == 0) {
        mu.lock();
        nextc.close();
        if (clients[i].progress < kRounds) nextc = chan::make<bool>();
        mu.unlock();
      }
      rc_nextc.recv();
    };
  }
  do_rounds(clients, mu, kRounds);
}

}  // namespace

int main() {
  run_election();
}
