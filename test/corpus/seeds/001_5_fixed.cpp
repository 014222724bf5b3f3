// corpus: seeds/001_5 fixed
// origin: seed article 001 (shared/seeds/001_4fd10d7a3e6dea50.txt), section 4.4, ReadGuard (sync.Once + atomic.Bool "read guard")
// mechanism: try_read() is a select with a default case, so it returns at once when no value is ready; a closed channel is reported through ok.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>
#include <mutex>
#include <utility>

class ReadGuard {
 public:
  explicit ReadGuard(chan::Chan<int> ch) : ch_(std::move(ch)) {}
  void close() {
    std::call_once(once_, [this] { ch_.close(); });
  }
  // {value, true} when a value was ready; {0, false} when none was or the
  // channel is closed.
  std::pair<int, bool> try_read() {
    std::pair<int, bool> result{0, false};
    chan::select(chan::on_recv(ch_, [&](int v, bool ok) { result = {v, ok}; }),
                 chan::on_default([] {}));
    return result;
  }

 private:
  chan::Chan<int> ch_;
  std::once_flag once_;
};

int main() {
  ReadGuard guard(chan::make<int>());
  auto [v, ok] = guard.try_read();  // nothing sent: returns at once
  std::printf("%d %d\n", v, ok);
  guard.close();
  guard.close();  // idempotent
  auto [w, ok2] = guard.try_read();
  return (!ok && !ok2) ? 0 : 1;
}
