// corpus: safe/lifecycle_scope_exit_defer
// origin: precision suite
// mechanism: a generic ScopeExit<F> (Go's defer) runs a stored lambda that closes the results channel when the producer's scope ends, on the normal path, on an early `break` out of the loop and on an exception thrown by the parser (caught by the goroutine's caller-side wrapper); the close always follows the last send.
// run: exit0
#include <chan/chan.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

template <class F>
class ScopeExit {
 public:
  explicit ScopeExit(F f) : f_(std::move(f)) {}
  ScopeExit(const ScopeExit&) = delete;
  ~ScopeExit() { f_(); }

 private:
  F f_;
};

int parse_or_throw(const std::string& s) {
  if (s == "boom") throw std::runtime_error("corrupt record");
  return static_cast<int>(s.size());
}

void produce(chan::Chan<int> out, std::vector<std::string> records) {
  ScopeExit close_out([out] { out.close(); });
  for (const std::string& r : records) {
    if (r == "EOF") break;
    out.send(parse_or_throw(r));
  }
}

int consume(const std::vector<std::string>& records, bool& failed) {
  auto out = chan::make<int>();
  auto error = chan::make<std::string>(1);
  chan::go([out, records, error] {
    try {
      produce(out, records);
    } catch (const std::exception& e) {
      error.send(e.what());
    }
    error.close();
  });
  int sum = 0;
  for (int v : out)
    sum += v;
  auto [msg, ok] = error.recv_ok();
  failed = ok && !msg.empty();
  return sum;
}

int main() {
  bool f1 = false, f2 = false, f3 = false;
  const int all = consume({"a", "bb", "ccc"}, f1);
  const int cut = consume({"a", "EOF", "ignored"}, f2);
  const int thrown = consume({"a", "boom", "c"}, f3);
  return all == 6 && !f1 && cut == 1 && !f2 && thrown == 1 && f3 ? 0 : 1;
}
