// corpus: goker/etcd_7443 fixed
// origin: GoBench GoKer etcd#7443 (blocking: mixed deadlock, channel & lock)
// mechanism: the balancer never blocks on its notify channel while holding its lock: a new address list replaces a notification the watcher has not taken yet, so the watcher's own teardown cannot wait on itself.
// run: exit0
//
// Same schedule as the buggy program: staggered dials and a slow watcher.
#include <chan/chan.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using Address = int;
using Addresses = std::vector<Address>;

struct SimpleBalancer {
  Addresses addrs{0, 1, 2};
  chan::Chan<Addresses> notify_ch = chan::make<Addresses>(1);
  chan::Mutex mu;
  bool closed = false;
  Address pin_addr = 0;

  SimpleBalancer() { notify_ch.send(addrs); }

  std::function<void()> up(const std::shared_ptr<SimpleBalancer>& self, Address addr) {
    mu.lock();
    if (closed) {
      mu.unlock();
      return [] {};
    }
    if (pin_addr == 0) {
      pin_addr = addr;
      notify_locked(Addresses{addr});
    }
    mu.unlock();
    return [self, addr] {
      self->mu.lock();
      if (self->closed) {
        self->mu.unlock();
        return;
      }
      if (self->pin_addr == addr) {
        self->pin_addr = 0;
        self->notify_locked(self->addrs);
      }
      self->mu.unlock();
    };
  }

  // Called with mu held and the channel open.  Only holders of mu send, so
  // once a stale notification is dropped the send finds the slot empty.
  void notify_locked(Addresses list) {
    chan::select(chan::on_recv(notify_ch, [](Addresses, bool) {}), chan::on_default([] {}));
    notify_ch.send(std::move(list));
  }

  void close() {
    mu.lock();
    if (!closed) {
      closed = true;
      notify_ch.close();
      pin_addr = 0;
    }
    mu.unlock();
  }
};

struct AddrConn {
  chan::Mutex mu;
  std::shared_ptr<SimpleBalancer> balancer;
  Address addr = 0;
  std::function<void()> down;

  void reset_transport() {
    mu.lock();
    down = balancer->up(balancer, addr);
    mu.unlock();
  }

  void tear_down() {
    mu.lock();
    if (down) {
      down();
      down = nullptr;
    }
    mu.unlock();
  }
};

struct ClientConn {
  std::shared_ptr<SimpleBalancer> balancer;
  chan::RWMutex mu;
  bool closed = false;
  std::map<Address, std::shared_ptr<AddrConn>> conns;  // guarded by mu

  void lb_watcher() {
    for (Addresses addrs : balancer->notify_ch) {
      std::this_thread::sleep_for(200ms);  // acting on a notification is slow
      std::vector<Address> add;
      std::vector<std::shared_ptr<AddrConn>> del;
      mu.lock();
      for (Address a : addrs)
        if (!conns.contains(a)) add.push_back(a);
      for (auto it = conns.begin(); it != conns.end();) {
        if (std::find(addrs.begin(), addrs.end(), it->first) == addrs.end()) {
          del.push_back(it->second);
          it = conns.erase(it);
        } else {
          ++it;
        }
      }
      mu.unlock();
      for (Address a : add) reset_addr_conn(a);
      for (const auto& c : del) c->tear_down();
    }
  }

  void reset_addr_conn(Address addr) {
    auto ac = std::make_shared<AddrConn>();
    ac->balancer = balancer;
    ac->addr = addr;
    mu.lock();
    if (closed) {
      mu.unlock();
      return;
    }
    conns[addr] = ac;
    mu.unlock();
    chan::go([ac] {
      std::this_thread::sleep_for(100ms * ac->addr);  // dial i starts after dial i-1
      ac->reset_transport();
    });
  }

  void close() {
    mu.lock();
    auto to_tear_down = std::move(conns);
    conns.clear();
    closed = true;
    mu.unlock();
    balancer->close();
    for (auto& [addr, ac] : to_tear_down) ac->tear_down();
  }
};

std::shared_ptr<ClientConn> dial(const std::shared_ptr<SimpleBalancer>& balancer) {
  auto cc = std::make_shared<ClientConn>();
  cc->balancer = balancer;
  chan::go([cc] { cc->lb_watcher(); });
  return cc;
}

}  // namespace

int main() {
  auto balancer = std::make_shared<SimpleBalancer>();
  auto conn = dial(balancer);
  std::this_thread::sleep_for(800ms);

  auto closec = chan::make<chan::Unit>();
  chan::go([balancer, closec] {
    balancer->close();
    closec.close();
  });
  chan::go([conn] { conn->close(); });
  closec.recv();
}
