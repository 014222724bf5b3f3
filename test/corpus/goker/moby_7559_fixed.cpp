// corpus: goker/moby_7559 fixed
// origin: GoBench GoKer moby#7559 (blocking: resource deadlock, double locking)
// mechanism: the UDP proxy unlocks connTrackLock before it drops a datagram whose backend it cannot dial, so the next iteration can lock it again.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Datagram {
  std::string from;
  std::string payload;
};

struct UDPConn {
  std::string remote;
};

std::optional<UDPConn> dial_udp(const std::string& backend) {
  if (backend.empty()) return std::nullopt;  // missing address
  return UDPConn{backend};
}

class UDPProxy {
 public:
  explicit UDPProxy(std::string backend) : backend_(std::move(backend)) {}

  // Forwards each datagram (the kernel's reads from the listener) to the
  // backend, over one connection per client.
  void run(const std::vector<Datagram>& incoming) {
    for (const Datagram& datagram : incoming) {
      conn_track_lock_.lock();
      auto it = conn_track_table_.find(datagram.from);
      if (it == conn_track_table_.end()) {
        std::optional<UDPConn> conn = dial_udp(backend_);
        if (!conn) {  // can't proxy this datagram: drops it
          conn_track_lock_.unlock();
          continue;
        }
        it = conn_track_table_.emplace(datagram.from, *conn).first;
      }
      conn_track_lock_.unlock();
      forwarded_.push_back(datagram.payload);
    }
  }

 private:
  std::string backend_;
  chan::Mutex conn_track_lock_;
  std::map<std::string, UDPConn> conn_track_table_;
  std::vector<std::string> forwarded_;
};

}  // namespace

int main() {
  auto proxy = std::make_shared<UDPProxy>(/*backend=*/"");
  std::vector<Datagram> incoming = {{"10.0.0.2:5353", "query 1"}, {"10.0.0.2:5353", "query 2"}};
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([proxy, incoming, &wg] {
    proxy->run(incoming);
    wg.done();
  });
  wg.wait();
}
