// corpus: safe/lifecycle_recv_ok_loop
// origin: precision suite
// mechanism: consumers use recv_ok() in a loop and stop when ok is false (Go's `v, ok := <-ch`), so a value received after the close is never used as real; the producer is a member function of a Scanner that closes its output once, after the last line.
// run: exit0
#include <chan/chan.hpp>

#include <sstream>
#include <string>

class Scanner {
 public:
  Scanner(std::string text, chan::Chan<std::string> lines) : text_(std::move(text)), lines_(std::move(lines)) {}

  void scan() {
    std::istringstream in(text_);
    std::string line;
    while (std::getline(in, line))
      lines_.send(line);
    lines_.close();
  }

 private:
  std::string text_;
  chan::Chan<std::string> lines_;
};

std::size_t longest(chan::Chan<std::string> lines) {
  std::size_t best = 0;
  for (;;) {
    auto [line, ok] = lines.recv_ok();
    if (!ok) break;
    if (line.size() > best) best = line.size();
  }
  return best;
}

int count_nonempty(chan::Chan<std::string> lines) {
  int n = 0;
  while (true) {
    auto received = lines.recv_ok();
    if (!received.second) return n;
    if (!received.first.empty()) ++n;
  }
}

int main() {
  auto a = chan::make<std::string>();
  Scanner first("alpha\nbeta\n\ngamma-delta\n", a);
  chan::go([&first] { first.scan(); });
  const std::size_t width = longest(a);

  auto b = chan::make<std::string>(16);
  Scanner second("x\n\ny\nz", b);
  second.scan();  // fits the buffer: returns before anyone receives
  const int nonempty = count_nonempty(b);

  return width == 11 && nonempty == 3 ? 0 : 1;
}
