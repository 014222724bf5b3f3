// corpus: goker/cockroach_9935 buggy
// origin: GoBench GoKer cockroach#9935 (blocking: resource deadlock, double locking)
// mechanism: outputLogEntry() holds the logger's mu when creating the log file fails and calls exit(), which locks mu again on the same goroutine and blocks forever.
// run: deadlock
//
// The kernel makes createFile fail at random (6 times in 8); here the disk is
// full, so it fails on every run.
#include <chan/chan.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <utility>

namespace {

class Logger {
 public:
  explicit Logger(bool disk_full) : disk_full_(disk_full) {}

  void output_log_entry(std::string entry) {
    std::lock_guard lock(mu_);
    if (std::error_code err = create_file()) exit_on_error(err);
    buffer_ += std::move(entry);
  }

 private:
  std::error_code create_file() const {
    if (disk_full_) return std::make_error_code(std::errc::no_space_on_device);
    return {};
  }

  // Flushes what is buffered and would end the process.
  void exit_on_error(std::error_code) {
    std::lock_guard lock(mu_);  // expect: CH206
    buffer_.clear();
  }

  chan::Mutex mu_;
  std::string buffer_;
  bool disk_full_;
};

}  // namespace

int main() {
  auto logger = std::make_shared<Logger>(/*disk_full=*/true);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([logger, &wg] {
    logger->output_log_entry("starting node");
    wg.done();
  });
  wg.wait();
}
