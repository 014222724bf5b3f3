// corpus: safe/lifecycle_helper_producer_loop
// origin: precision suite
// mechanism: a free helper sends every item in a loop and then closes its channel parameter; the caller calls it once on a buffered channel sized to the items (so no send blocks) and then drains it, and a goroutine runs the same helper on a second channel: every close follows the last send on its channel.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>
#include <string>
#include <vector>

struct LogLine {
  int level = 0;
  std::string text;
};

// The producer owns the channel it is given: it is the only sender, so it
// closes after its last send.
void produce(chan::Chan<LogLine> out, const std::vector<LogLine>& lines) {
  for (const LogLine& line : lines)
    out.send(line);
  out.close();
}

int count_errors(chan::RecvChan<LogLine> in) {
  int errors = 0;
  for (const LogLine& line : in)
    if (line.level >= 3) ++errors;
  return errors;
}

std::vector<LogLine> sample(int n) {
  std::vector<LogLine> lines;
  for (int i = 0; i < n; ++i)
    lines.push_back({i % 4, "line " + std::to_string(i)});
  return lines;
}

int main() {
  const std::vector<LogLine> lines = sample(12);

  // Synchronous: the buffer holds every line, so produce() returns.
  auto buffered = chan::make<LogLine>(lines.size());
  produce(buffered, lines);
  const int first = count_errors(buffered);

  // Concurrent: the same helper in a goroutine on an unbuffered channel.
  auto streamed = chan::make<LogLine>();
  chan::go(produce, streamed, lines);
  const int second = count_errors(streamed);

  if (first != 3 || second != 3) {
    std::fprintf(stderr, "expected 3 errors twice, got %d and %d\n", first, second);
    return 1;
  }
  return 0;
}
