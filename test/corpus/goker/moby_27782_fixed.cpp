// corpus: goker/moby_27782 fixed
// origin: GoBench GoKer moby#27782 (blocking: communication deadlock, channel & condition variable)
// mechanism: on log-watcher close, the log follower closes the file watcher (which stops its goroutine through the done channel) instead of removing the watch and waiting for an acknowledgement from a goroutine that may be blocked sending an event.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

enum class Op { write };

struct Event {
  Op op;
};

class FileWatcher : public std::enable_shared_from_this<FileWatcher> {
 public:
  void start() {
    chan::go([self = shared_from_this()] { self->read_events(); });
  }

  chan::RecvChan<Event> events() const { return events_; }

  void close() { done_.close(); }

 private:
  bool closed() const {
    bool is_closed = false;
    chan::select(chan::on_recv(done_, [&] { is_closed = true; }), chan::on_default([] {}));
    return is_closed;
  }

  Event next_event() { return Event{Op::write}; }

  void read_events() {
    while (!closed()) {
      Event event = next_event();
      std::this_thread::sleep_for(100ms);
      bool stopping = false;
      chan::select(chan::on_send(events_, event, [] {}),
                   chan::on_recv(done_, [&] { stopping = true; }));
      if (stopping) break;
    }
    events_.close();
  }

  chan::Chan<Event> events_ = chan::make<Event>();
  chan::Chan<chan::Unit> done_ = chan::make<chan::Unit>();
};

struct LogWatcher {
  chan::Chan<chan::Unit> close_notifier = chan::make<chan::Unit>();
  std::once_flag close_once;

  void close() {
    std::call_once(close_once, [this] { close_notifier.close(); });
  }
};

void follow_logs(LogWatcher& log_watcher) {
  auto file_watcher = std::make_shared<FileWatcher>();
  file_watcher->start();
  std::this_thread::sleep_for(30ms);  // decoding the log takes a while
  chan::select(chan::on_recv(file_watcher->events(), [] {}),
               chan::on_recv(log_watcher.close_notifier, [] {}));
  file_watcher->close();
}

int main() {
  auto log_watcher = std::make_shared<LogWatcher>();
  chan::go([log_watcher] { follow_logs(*log_watcher); });
  // Starting the container fails: Reset() closes the log reader.
  log_watcher->close();
  std::this_thread::sleep_for(200ms);  // lets the readers settle before the exit-time leak check
  return 0;
}
