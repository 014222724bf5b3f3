// corpus: safe/blocking_future_template
// origin: precision suite
// mechanism: a Future<T> template wraps a buffered(1) channel; spawn_future(f, args...) starts f in a goroutine that sends its single result into the buffer, and get() receives it once and caches it; a future that is never read does not strand its goroutine, because the buffer always has room for the one value.
// run: exit0
#include <chan/chan.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>

template <class T>
class Future {
 public:
  explicit Future(chan::Chan<T> slot) : slot_(std::move(slot)) {}
  const T& get() {
    if (!value_) value_ = slot_.recv();
    return *value_;
  }

 private:
  chan::Chan<T> slot_;
  std::optional<T> value_;
};

template <class F, class... Args>
auto spawn_future(chan::WaitGroup& wg, F f, Args... args) {
  using R = std::invoke_result_t<F, Args...>;
  auto slot = chan::make<R>(1);
  wg.add(1);
  chan::go([slot, f, args..., &wg] {
    slot.send(f(args...));
    wg.done();
  });
  return Future<R>(slot);
}

long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
std::string repeat(std::string s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

int main() {
  chan::WaitGroup wg;
  auto f20 = spawn_future(wg, fib, 20);
  auto f25 = spawn_future(wg, fib, 25);
  auto text = spawn_future(wg, repeat, std::string("ab"), 3);
  auto ignored = spawn_future(wg, fib, 10);  // never read: its goroutine still finishes
  (void)ignored;

  const bool ok = f20.get() == 6765 && f25.get() == 75025 && f20.get() == 6765 && text.get() == "ababab";
  wg.wait();
  return ok ? 0 : 1;
}
