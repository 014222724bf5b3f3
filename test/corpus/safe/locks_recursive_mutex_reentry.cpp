// corpus: safe/locks_recursive_mutex_reentry
// origin: precision suite
// mechanism: a Document guarded by std::recursive_mutex has public methods that lock and call each other (append_line() calls word_count() and touch() while holding the lock); a recursive mutex may be relocked by its owner, so the nested acquisitions succeed and each is released by its own guard.
// run: exit0
#include <chan/chan.hpp>

#include <mutex>
#include <sstream>
#include <string>
#include <vector>

class Document {
 public:
  void append_line(const std::string& line) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    lines_.push_back(line);
    if (word_count() > limit_) lines_.erase(lines_.begin());
    touch();
  }

  int word_count() const {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    int words = 0;
    for (const std::string& l : lines_) {
      std::istringstream in(l);
      std::string w;
      while (in >> w) ++words;
    }
    return words;
  }

  void touch() {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    ++revision_;
  }

  int revision() const {
    std::unique_lock<std::recursive_mutex> lock(mu_);
    return revision_;
  }

 private:
  mutable std::recursive_mutex mu_;
  std::vector<std::string> lines_;
  int revision_ = 0;
  const int limit_ = 1000;
};

int main() {
  Document doc;
  chan::WaitGroup wg;
  for (int w = 0; w < 3; ++w) {
    wg.add(1);
    chan::go([&doc, &wg, w] {
      for (int i = 0; i < 50; ++i) doc.append_line("writer " + std::to_string(w) + " line");
      wg.done();
    });
  }
  wg.wait();
  return doc.word_count() == 3 * 50 * 3 && doc.revision() == 150 ? 0 : 1;
}
