// corpus: safe/lifecycle_raii_close_guard
// origin: precision suite
// mechanism: a producer function declares a CloseOnExit guard whose destructor closes the output channel; the guard's scope encloses every send, and the function returns early on a bad record, so on every exit path the close runs once, after the last send.
// run: exit0
#include <chan/chan.hpp>

#include <optional>
#include <string>
#include <vector>

class CloseOnExit {
 public:
  explicit CloseOnExit(chan::Chan<int> ch) : ch_(std::move(ch)) {}
  CloseOnExit(const CloseOnExit&) = delete;
  CloseOnExit& operator=(const CloseOnExit&) = delete;
  ~CloseOnExit() { ch_.close(); }

 private:
  chan::Chan<int> ch_;
};

std::optional<int> parse(const std::string& field) {
  if (field.empty() || field.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(field);
}

// Sends every number up to the first malformed field; returns whether all parsed.
bool parse_all(const std::vector<std::string>& fields, chan::Chan<int> out) {
  CloseOnExit guard(out);
  for (const std::string& f : fields) {
    std::optional<int> v = parse(f);
    if (!v) return false;
    out.send(*v);
  }
  return true;
}

int consume(chan::Chan<int> in) {
  int sum = 0;
  for (int v : in)
    sum += v;
  return sum;
}

int main() {
  auto good = chan::make<int>();
  auto good_ok = chan::make<bool>(1);
  chan::go([good, good_ok] { good_ok.send(parse_all({"1", "22", "333"}, good)); });
  const int good_sum = consume(good);

  auto bad = chan::make<int>();
  auto bad_ok = chan::make<bool>(1);
  chan::go([bad, bad_ok] { bad_ok.send(parse_all({"5", "x7", "9"}, bad)); });
  const int bad_sum = consume(bad);

  return good_sum == 356 && good_ok.recv() && bad_sum == 5 && !bad_ok.recv() ? 0 : 1;
}
