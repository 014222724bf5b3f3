// corpus: goker/moby_27782 buggy
// origin: GoBench GoKer moby#27782 (blocking: communication deadlock, channel & condition variable)
// mechanism: on log-watcher close, the log follower removes the file watch and waits on a condition variable for the watcher goroutine to acknowledge it, but that goroutine is blocked sending a file event the follower no longer receives.
// run: leak
//
// The follower waits in a condition variable, which the runtime's deadlock
// detector cannot see, so the program cannot end in a deadlock report; the
// exit-time leak check reports the watcher goroutine blocked in its send.
// The sleeps force the interleaving: the watcher has read a write event
// before the follower removes the watch, and offers it only after the
// follower has chosen the close branch.
#include <chan/chan.hpp>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

enum class Op { write, remove_ack };

struct Event {
  Op op;
};

class FileWatcher : public std::enable_shared_from_this<FileWatcher> {
 public:
  void start() {
    chan::go([self = shared_from_this()] { self->read_events(); });
  }

  chan::RecvChan<Event> events() const { return events_; }

  // Removes the watch and waits until the watcher goroutine has seen it go.
  void remove() {
    std::unique_lock lock(mu_);
    remove_requested_ = true;
    removed_.wait(lock, [this] { return remove_acknowledged_; });
  }

  void close() { done_.close(); }

 private:
  bool closed() const {
    bool is_closed = false;
    chan::select(chan::on_recv(done_, [&] { is_closed = true; }), chan::on_default([] {}));
    return is_closed;
  }

  Event next_event() {
    std::lock_guard lock(mu_);
    return Event{remove_requested_ ? Op::remove_ack : Op::write};
  }

  void read_events() {
    while (!closed()) {
      Event event = next_event();
      if (event.op == Op::remove_ack) {
        std::lock_guard lock(mu_);
        remove_acknowledged_ = true;
        removed_.notify_all();
        continue;
      }
      std::this_thread::sleep_for(100ms);  // forces the interleaving (see header)
      bool stopping = false;
      chan::select(chan::on_send(events_, event, [] {}),  // expect: CH203
                   chan::on_recv(done_, [&] { stopping = true; }));
      if (stopping) break;
    }
    events_.close();
  }

  chan::Chan<Event> events_ = chan::make<Event>();
  chan::Chan<chan::Unit> done_ = chan::make<chan::Unit>();
  chan::Mutex mu_;
  std::condition_variable_any removed_;
  bool remove_requested_ = false;     // guarded by mu_
  bool remove_acknowledged_ = false;  // guarded by mu_
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
               chan::on_recv(log_watcher.close_notifier, [&] { file_watcher->remove(); }));
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
