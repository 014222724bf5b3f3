// corpus: goker/etcd_7443 buggy
// origin: GoBench GoKer etcd#7443 (blocking: mixed deadlock, channel & lock)
// mechanism: the connection watcher, the only receiver of the balancer's notify channel, tears down the pinned connection and its down() callback sends on that full channel while holding the balancer lock, so the watcher blocks on itself and Close() and Up() block on the lock.
// run: deadlock
//
// As in the kernel, address 0 doubles as "nothing pinned", so Up(0) and then
// Up(1) both pin and notify.  Two delays force the kernel's interleaving: each
// dial starts 100ms after the previous one, and the watcher takes 200ms to act
// on a notification, so Up(1) refills the notify slot before the watcher
// tears connection 1 down.
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
      notify_ch.send(Addresses{addr});
    }
    mu.unlock();
    return [self, addr] {
      self->mu.lock();
      if (self->closed) {  // the kernel recovers from the send-on-closed panic instead
        self->mu.unlock();
        return;
      }
      if (self->pin_addr == addr) {
        self->pin_addr = 0;
        self->notify_ch.send(self->addrs);  // expect: CH201
      }
      self->mu.unlock();
    };
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
  std::this_thread::sleep_for(800ms);  // forces: the watcher is stuck before Close() starts

  auto closec = chan::make<chan::Unit>();
  chan::go([balancer, closec] {
    balancer->close();
    closec.close();
  });
  chan::go([conn] { conn->close(); });
  closec.recv();
}
