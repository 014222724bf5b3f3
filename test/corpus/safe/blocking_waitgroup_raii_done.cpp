// corpus: safe/blocking_waitgroup_raii_done
// origin: precision suite
// mechanism: every worker's first statement is a DoneOnExit guard whose destructor calls wg.done(), so the counter is decremented on every exit (normal return, early return on invalid input, and an exception caught inside the worker), and add() always runs in the spawner before go(); wait() therefore returns.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

class DoneOnExit {
 public:
  explicit DoneOnExit(chan::WaitGroup& wg) : wg_(wg) {}
  DoneOnExit(const DoneOnExit&) = delete;
  ~DoneOnExit() { wg_.done(); }

 private:
  chan::WaitGroup& wg_;
};

int checksum(const std::string& s) {
  if (s.find('!') != std::string::npos) throw std::invalid_argument("bang");
  int sum = 0;
  for (char c : s) sum += c;
  return sum;
}

void verify(const std::string& record, chan::WaitGroup& wg, std::atomic<int>& valid, std::atomic<int>& failed) {
  DoneOnExit done(wg);
  if (record.empty()) return;  // nothing to verify
  try {
    if (checksum(record) % 2 == 0) ++valid;
  } catch (const std::invalid_argument&) {
    ++failed;
  }
}

int main() {
  const std::vector<std::string> records{"ab", "", "abc!", "bd", "z", "", "hello!"};
  chan::WaitGroup wg;
  std::atomic<int> valid{0}, failed{0};
  for (const std::string& r : records) {
    wg.add(1);
    chan::go([&wg, &valid, &failed, r] { verify(r, wg, valid, failed); });
  }
  wg.wait();
  // "ab" = 195 (odd), "bd" = 198 (even), "z" = 122 (even)
  return valid == 2 && failed == 2 ? 0 : 1;
}
