// corpus: goker/etcd_7902 buggy
// origin: GoBench GoKer etcd#7902 (blocking: mixed deadlock, channel & lock)
// mechanism: every round client calls release() while holding mu, and a follower's release() waits for the leader to close nextc, which the leader can only do after taking mu: follower and leader wait on each other.
// run: deadlock
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

void do_rounds(std::vector<RoundClient>& clients, int rounds) {
  chan::Mutex mu;
  chan::WaitGroup wg;
  wg.add(static_cast<int>(clients.size()));
  for (auto& client : clients) {
    chan::go([&mu, &wg, &client, rounds] {  // G2 (leader), G3.. (followers)
      while (client.progress < rounds || rounds <= 0) {
        client.acquire();
        mu.lock();
        client.validate();
        mu.unlock();
        client.progress++;
        mu.lock();  // expect: CH203
        client.release();
        mu.unlock();
      }
      wg.done();
    });
  }
  wg.wait();
}

void run_election() {
  std::vector<RoundClient> clients(3);
  auto nextc = chan::make<bool>();
  // One slot per client, sized up front: the closures keep pointers to them.
  std::vector<chan::Chan<bool>> client_nextc(clients.size());
  for (std::size_t i = 0; i < clients.size(); ++i) {
    chan::Chan<bool>& rc_nextc = client_nextc[i];
    clients[i].acquire = [i, &clients] {
      // The leader is slow to acquire its first round: this forces the
      // interleaving in which a follower reaches release() first.
      if (i == 0 && clients[i].progress == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    };
    clients[i].validate = [&rc_nextc, &nextc] { rc_nextc = nextc; };
    clients[i].release = [i, &rc_nextc, &nextc] {
      if (i == 0) {  // the first client is the leader
        nextc.close();
        nextc = chan::make<bool>();
      }
      rc_nextc.recv();  // followers wait here for the leader's close
    };
  }
  do_rounds(clients, 100);
}

}  // namespace

int main() {
  run_election();  // G1
}
