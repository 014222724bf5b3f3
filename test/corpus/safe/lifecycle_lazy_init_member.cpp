// corpus: safe/lifecycle_lazy_init_member
// origin: precision suite
// mechanism: a Logger's channel member starts nil and is made lazily by ensure_started() (`if (!queue_) queue_ = chan::make...`) on the first log() call, which also starts the writer goroutine; close() closes only if the channel was ever made, so a logger that never logged closes nothing and no operation ever touches a nil channel.
// run: exit0
#include <chan/chan.hpp>

#include <string>
#include <vector>

class Logger {
 public:
  void log(std::string line) {
    ensure_started();
    queue_.send(std::move(line));
  }

  // Flushes and stops; returns what was written.
  std::vector<std::string> close() {
    if (!queue_) return {};
    queue_.close();
    return written_.recv();
  }

 private:
  void ensure_started() {
    if (queue_) return;
    queue_ = chan::make<std::string>(8);
    written_ = chan::make<std::vector<std::string>>(1);
    chan::go([in = queue_, out = written_] {
      std::vector<std::string> lines;
      for (std::string l : in)
        lines.push_back(std::move(l));
      out.send(std::move(lines));
    });
  }

  chan::Chan<std::string> queue_;  // nil until the first log()
  chan::Chan<std::vector<std::string>> written_;
};

int main() {
  Logger quiet;
  const auto none = quiet.close();  // never started: nothing to close

  Logger busy;
  for (int i = 0; i < 20; ++i)
    busy.log("event " + std::to_string(i));
  const auto lines = busy.close();

  return none.empty() && lines.size() == 20 && lines.back() == "event 19" ? 0 : 1;
}
