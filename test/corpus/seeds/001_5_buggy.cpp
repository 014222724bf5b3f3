// corpus: seeds/001_5 buggy
// origin: seed article 001 (shared/seeds/001_4fd10d7a3e6dea50.txt), section 4.4, ReadGuard (sync.Once + atomic.Bool "read guard")
// mechanism: try_read() checks the closed flag and then does a blocking receive: on an open channel with no data it never returns, so the caller's "try" blocks forever.
// run: deadlock
//
// The article's guard does not compile in Go (Close calls close() on a
// `<-chan`, a receive-only channel); here the guard holds a bidirectional
// channel. Its real defect is TryRead: the flag check does not make the
// receive non-blocking. main polls once before any producer exists.
#include <chan/chan.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <utility>

class ReadGuard {
 public:
  explicit ReadGuard(chan::Chan<int> ch) : ch_(std::move(ch)) {}
  void close() {
    std::call_once(once_, [this] {
      closed_.store(true);
      ch_.close();
    });
  }
  std::pair<int, bool> try_read() {
    if (closed_.load()) return {0, false};
    return ch_.recv_ok();  // expect: CH202
  }

 private:
  chan::Chan<int> ch_;
  std::atomic<bool> closed_{false};
  std::once_flag once_;
};

int main() {
  ReadGuard guard(chan::make<int>());
  auto [v, ok] = guard.try_read();  // nothing sent, nothing closed
  std::printf("%d %d\n", v, ok);
  guard.close();
  return 0;
}
