// Helper program for the tests of threads the runtime did not start and of
// signals; the test drives it through stdin and reads its output (see
// child_process.hpp).  Markers on stdout are flushed at once.
//   foreign-sender       main receives; a plain std::thread sends 100 ms later
//   foreign-stdin-sends  main receives; a std::thread sends once it read a
//                        line from stdin (it never touches the runtime before)
//   foreign-stdin-exits  the same thread ends after its line without sending
//   adopted              a std::thread sends once (adopted), waits for a
//                        line on stdin, sends again; main receives both
//   blocked-pipeline     a named goroutine blocks sending on channel "orders";
//                        main waits for a line on stdin, then exits 0
//   chained-sigquit      installs its own SIGQUIT handler first, then as
//                        blocked-pipeline
// Each prints "line <n>" for the operation main blocks in (blocked-pipeline:
// the goroutine's send), then "ready" once the state the test needs is set.
#include <chan/chan.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

namespace {

void say(const char* text) {
  std::printf("%s\n", text);
  std::fflush(stdout);
}

void say_line(unsigned line) {
  std::printf("line %u\n", line);
  std::fflush(stdout);
}

// A blocking read of one line from stdin: a system call the runtime knows
// nothing about.
bool read_line() {
  char c;
  while (::read(0, &c, 1) == 1)
    if (c == '\n') return true;
  return false;
}

// Waits until n goroutines are blocked in the runtime.
void until_blocked(std::size_t n) {
  while (chan::blocked_goroutines().size() < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

int foreign_sender() {
  auto ch = chan::make<int>();
  std::thread t([ch]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ch.send(42);
  });
  say_line(std::source_location::current().line() + 1);
  const int v = ch.recv();
  std::printf("got %d\n", v);
  t.join();
  return 0;
}

int foreign_thread_waiting_for_stdin(bool sends) {
  auto ch = chan::make<int>(0, "results");
  std::thread t([ch, sends]() mutable {
    read_line();
    if (sends) ch.send(7);
  });
  t.detach();
  say("ready");
  say_line(std::source_location::current().line() + 1);
  const int v = ch.recv();
  std::printf("got %d\n", v);
  return 0;
}

int adopted() {
  auto ch = chan::make<int>();
  std::thread t([ch]() mutable {
    ch.send(1);  // its first use of the runtime: adopted from here on
    read_line();
    ch.send(2);
  });
  std::printf("got %d\n", ch.recv());
  std::fflush(stdout);
  say("ready");
  say_line(std::source_location::current().line() + 1);
  std::printf("got %d\n", ch.recv());
  t.join();
  return 0;
}

int blocked_pipeline() {
  auto orders = chan::make<int>(0, "orders");
  say_line(std::source_location::current().line() + 1);
  chan::go_named("stuck-sender", [orders]() mutable { orders.send(1); });
  until_blocked(1);
  say("ready");
  read_line();
  say("still running");
  return 0;
}

void previous_quit_handler(int) {
  const char text[] = "previous handler ran\n";
  [[maybe_unused]] auto n = ::write(1, text, sizeof text - 1);
}

int chained_sigquit() {
  struct sigaction sa{};
  sa.sa_handler = previous_quit_handler;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGQUIT, &sa, nullptr);
  return blocked_pipeline();  // the runtime installs its handler at its first use
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 64;
  const std::string mode = argv[1];
  if (mode == "foreign-sender") return foreign_sender();
  if (mode == "foreign-stdin-sends") return foreign_thread_waiting_for_stdin(true);
  if (mode == "foreign-stdin-exits") return foreign_thread_waiting_for_stdin(false);
  if (mode == "adopted") return adopted();
  if (mode == "blocked-pipeline") return blocked_pipeline();
  if (mode == "chained-sigquit") return chained_sigquit();
  return 64;
}
