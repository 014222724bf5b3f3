// corpus: safe/blocking_goroutine_per_item
// origin: precision suite
// mechanism: a goroutine is started per item in a loop, each sending exactly one result on a channel whose capacity equals the item count; the caller stops reading at the first failure and returns early, but every goroutine's single send still fits in the buffer, so none blocks after the caller is gone.
// run: exit0
#include <chan/chan.hpp>

#include <optional>
#include <string>
#include <vector>

struct Check {
  std::string host;
  bool healthy;
};

Check ping(const std::string& host) { return {host, host.find("down") == std::string::npos}; }

// Returns the first unhealthy host, or nothing.
std::optional<std::string> first_unhealthy(const std::vector<std::string>& hosts, chan::WaitGroup& checkers) {
  auto results = chan::make<Check>(hosts.size());
  for (const std::string& h : hosts) {
    checkers.add(1);
    chan::go([h, results, &checkers] {
      results.send(ping(h));
      checkers.done();
    });
  }
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    Check c = results.recv();
    if (!c.healthy) return c.host;  // the remaining senders still have room
  }
  return std::nullopt;
}

int main() {
  chan::WaitGroup all;
  const auto bad = first_unhealthy({"db-1", "db-2-down", "cache-1", "cache-2", "web-down"}, all);
  const auto none = first_unhealthy({"a", "b", "c"}, all);
  all.wait();  // every checker finished, including those nobody read
  const bool bad_ok = bad && (*bad == "db-2-down" || *bad == "web-down");
  return bad_ok && !none ? 0 : 1;
}
