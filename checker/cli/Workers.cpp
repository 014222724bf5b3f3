#include "Workers.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <poll.h>
#include <stdexcept>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace chcheck::cli {
namespace {

struct Child {
  std::size_t item;
  pid_t pid;
  int fd; // read end of the payload pipe
  std::string payload;
};

void writeAll(int fd, const std::string &data) {
  const char *p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      _exit(3);
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

std::string describeStatus(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char *abbrev = sigabbrev_np(sig);
    return std::string("crashed (") + (abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig)) +
           ", " + strsignal(sig) + ")";
  }
  if (WIFEXITED(status))
    return "stopped with exit status " + std::to_string(WEXITSTATUS(status));
  return "stopped unexpectedly";
}

Child start(std::size_t item, const std::function<std::string(std::size_t)> &work) {
  int fds[2];
  if (::pipe(fds) != 0)
    throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error(std::string("cannot start a worker process: ") +
                             std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    // The default action of SIGPIPE would hide a payload that cannot be
    // written behind "crashed"; write() reports it instead.
    ::signal(SIGPIPE, SIG_IGN);
    std::string payload;
    try {
      payload = work(item);
    } catch (const std::exception &e) {
      std::fprintf(stderr, "chcheck: worker: %s\n", e.what());
      _exit(4);
    }
    writeAll(fds[1], payload);
    // _exit: no atexit handlers or stdio flushes of state copied from the parent.
    _exit(0);
  }
  ::close(fds[1]);
  return {item, pid, fds[0], {}};
}

} // namespace

void runInWorkers(std::size_t count, unsigned parallel,
                  const std::function<std::string(std::size_t)> &work,
                  const std::function<void(std::size_t)> &started,
                  const std::function<void(std::size_t, WorkerOutcome)> &finished) {
  std::vector<Child> running;
  std::size_t next = 0;
  while (next < count || !running.empty()) {
    while (next < count && running.size() < std::max(1u, parallel)) {
      started(next);
      running.push_back(start(next, work));
      ++next;
    }
    std::vector<pollfd> fds;
    for (const Child &c : running)
      fds.push_back({c.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (std::size_t k = fds.size(); k-- > 0;) {
      if (fds[k].revents == 0)
        continue;
      Child &c = running[k];
      char buffer[65536];
      ssize_t n = ::read(c.fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n > 0) {
        c.payload.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      // End of the payload: the child has exited or is about to.
      ::close(c.fd);
      int status = 0;
      while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
      }
      WorkerOutcome outcome;
      outcome.completed = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      if (outcome.completed)
        outcome.payload = std::move(c.payload);
      else
        outcome.failure = describeStatus(status);
      std::size_t item = c.item;
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(k));
      finished(item, std::move(outcome));
    }
  }
}

} // namespace chcheck::cli
