// The monitor thread: goroutine dumps on SIGQUIT, JSON snapshots on SIGUSR1,
// and the watch over stalls that are not certain deadlocks.
//
// Signal handlers only write one byte to a pipe (write() is async-signal-
// safe); the monitor thread reads it and does the work outside the handler.
// A handler installed before ours is called after ours, unless it is
// SIG_DFL or SIG_IGN: SIGQUIT's default action would end the process, and
// unlike Go we keep running after a dump.
#include "monitor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "chan/diagnostics.hpp"
#include "config.hpp"
#include "sched.hpp"

namespace chan::detail {

namespace {

constexpr char dump_request = 'Q';
constexpr char snapshot_request = 'U';
constexpr char stall_notice = 'D';
constexpr int stall_poll_ms = 250;

int wake_pipe[2] = {-1, -1};
struct sigaction previous_quit{};
struct sigaction previous_usr1{};

void chain(const struct sigaction& previous, int sig, siginfo_t* info, void* context) {
  if (previous.sa_flags & SA_SIGINFO) {
    if (previous.sa_sigaction) previous.sa_sigaction(sig, info, context);
  } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN && previous.sa_handler) {
    previous.sa_handler(sig);
  }
}

void on_signal(int sig, siginfo_t* info, void* context) {
  const int saved_errno = errno;
  const char request = sig == SIGQUIT ? dump_request : snapshot_request;
  [[maybe_unused]] const ssize_t n = ::write(wake_pipe[1], &request, 1);
  errno = saved_errno;
  chain(sig == SIGQUIT ? previous_quit : previous_usr1, sig, info, context);
}

void install(int sig, struct sigaction* previous) {
  struct sigaction sa{};
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  ::sigaction(sig, &sa, previous);
}

void write_dump() {
  std::ostringstream out;
  out << "chan: SIGQUIT: goroutine dump (the process keeps running; CHAN_SIGQUIT=0 turns this off)\n\n";
  dump_goroutines(out);
  const std::string s = out.str();
  std::fflush(stdout);
  std::fputs(s.c_str(), stderr);
  std::fflush(stderr);
}

// Writes the snapshot to a temporary file next to the target and renames it,
// so a reader never sees half a document.
void write_snapshot() {
  const std::string& path = config().snapshot_file;
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << snapshot_json() << "\n";
    if (!f) {
      std::fprintf(stderr, "chan: SIGUSR1: cannot write the snapshot to %s\n", tmp.c_str());
      return;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    std::fprintf(stderr, "chan: SIGUSR1: cannot rename %s to %s\n", tmp.c_str(), path.c_str());
}

std::atomic<bool> monitor_noted{false};

[[noreturn]] void run() {
  note_service_thread();
  monitor_noted.store(true, std::memory_order_release);
  monitor_noted.notify_all();
  ::pthread_setname_np(::pthread_self(), "chan-monitor");
  bool watching = false;
  for (;;) {
    pollfd p{wake_pipe[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, watching ? stall_poll_ms : -1);
    if (ready > 0) {
      char requests[64];
      const ssize_t n = ::read(wake_pipe[0], requests, sizeof requests);
      for (ssize_t i = 0; i < n; ++i) {
        if (requests[i] == dump_request) write_dump();
        else if (requests[i] == snapshot_request) write_snapshot();
        else if (requests[i] == stall_notice) watching = true;
      }
    }
    if (watching) watching = watch_stall();
  }
}

}  // namespace

void start_monitor() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (::pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return;  // no monitor: no dumps, no stall watch
    // The reading end blocks in poll(), not in read().
    std::thread(run).detach();
    // Until it is on the list of the runtime's own threads, a verdict would
    // count it as unknown (and only warn).
    monitor_noted.wait(false, std::memory_order_acquire);
    if (config().sigquit_dump) install(SIGQUIT, &previous_quit);
    if (!config().snapshot_file.empty()) install(SIGUSR1, &previous_usr1);
  });
}

void notify_stall() noexcept {
  if (wake_pipe[1] < 0) return;
  [[maybe_unused]] const ssize_t n = ::write(wake_pipe[1], &stall_notice, 1);
}

void note_service_thread() {
  registry& r = reg();
  std::lock_guard lk(r.m);
  r.service.push_back(current_tid());
}

}  // namespace chan::detail
