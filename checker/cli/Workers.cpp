#include "Workers.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <optional>
#include <poll.h>
#include <signal.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace chcheck::cli {
namespace {

// A worker is a forked child that runs items one after the other, so the
// heap, lazily bound symbols and Clang's one-time set-up are paid once per
// worker, not once per item (a fresh process per item costs ~45% more CPU).
struct Worker {
  pid_t pid = -1;
  int toChild = -1;   // item indices
  int fromChild = -1; // length-prefixed payloads
  std::optional<std::size_t> item; // the item it is running
  std::string buffer;
};

bool writeAll(int fd, const void *data, std::size_t size) {
  const char *p = static_cast<const char *>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool readAll(int fd, void *data, std::size_t size) {
  char *p = static_cast<char *>(data);
  while (size > 0) {
    ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::string describeStatus(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char *abbrev = sigabbrev_np(sig);
    return std::string("crashed (") +
           (abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig)) + ", " +
           strsignal(sig) + ")";
  }
  if (WIFEXITED(status))
    return "stopped with exit status " + std::to_string(WEXITSTATUS(status));
  return "stopped unexpectedly";
}

[[noreturn]] void serve(int in, int out, const std::function<std::string(std::size_t)> &work) {
  // The default action of SIGPIPE would hide a payload that cannot be
  // written behind "crashed"; write() reports it instead.
  ::signal(SIGPIPE, SIG_IGN);
  std::uint64_t item;
  while (readAll(in, &item, sizeof item)) {
    std::string payload;
    try {
      payload = work(static_cast<std::size_t>(item));
    } catch (const std::exception &e) {
      std::fprintf(stderr, "chcheck: worker: %s\n", e.what());
      _exit(4);
    }
    std::uint64_t size = payload.size();
    if (!writeAll(out, &size, sizeof size) || !writeAll(out, payload.data(), payload.size()))
      _exit(3);
  }
  // _exit: no atexit handlers or stdio flushes of state copied from the parent.
  _exit(0);
}

Worker spawn(const std::function<std::string(std::size_t)> &work,
             const std::vector<Worker> &others) {
  int down[2], up[2];
  if (::pipe(down) != 0 || ::pipe(up) != 0)
    throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error(std::string("cannot start a worker process: ") +
                             std::strerror(errno));
  if (pid == 0) {
    // Other workers' pipes: a copy of another worker's write end here would
    // keep it from ever seeing the end of its input.
    for (const Worker &o : others) {
      ::close(o.toChild);
      ::close(o.fromChild);
    }
    ::close(down[1]);
    ::close(up[0]);
    serve(down[0], up[1], work);
  }
  ::close(down[0]);
  ::close(up[1]);
  Worker w;
  w.pid = pid;
  w.toChild = down[1];
  w.fromChild = up[0];
  return w;
}

int reap(Worker &w) {
  ::close(w.toChild);
  ::close(w.fromChild);
  int status = 0;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

} // namespace

void runInWorkers(std::size_t count, unsigned parallel,
                  const std::function<std::string(std::size_t)> &work,
                  const std::function<void(std::size_t)> &started,
                  const std::function<void(std::size_t, WorkerOutcome)> &finished) {
  std::vector<Worker> workers;
  std::size_t next = 0;
  auto assign = [&](Worker &w) {
    std::uint64_t item = next;
    started(next);
    w.item = next++;
    // A worker that died between items shows as the end of its output below.
    writeAll(w.toChild, &item, sizeof item);
  };
  std::size_t wanted = std::min<std::size_t>(std::max(1u, parallel), count);
  while (next < count || std::any_of(workers.begin(), workers.end(),
                                     [](const Worker &w) { return w.item.has_value(); })) {
    while (workers.size() < wanted && next < count) {
      workers.push_back(spawn(work, workers));
      assign(workers.back());
    }
    std::vector<pollfd> fds;
    std::vector<std::size_t> owners;
    for (std::size_t k = 0; k < workers.size(); ++k)
      if (workers[k].item) {
        fds.push_back({workers[k].fromChild, POLLIN, 0});
        owners.push_back(k);
      }
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (std::size_t f = fds.size(); f-- > 0;) {
      if (fds[f].revents == 0)
        continue;
      std::size_t k = owners[f];
      Worker &w = workers[k];
      char chunk[65536];
      ssize_t n = ::read(w.fromChild, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n > 0) {
        w.buffer.append(chunk, static_cast<std::size_t>(n));
        std::uint64_t size;
        if (w.buffer.size() < sizeof size)
          continue;
        std::memcpy(&size, w.buffer.data(), sizeof size);
        if (w.buffer.size() < sizeof size + size)
          continue;
        WorkerOutcome outcome;
        outcome.completed = true;
        outcome.payload = w.buffer.substr(sizeof size, size);
        w.buffer.erase(0, sizeof size + size);
        std::size_t item = *w.item;
        w.item.reset();
        finished(item, std::move(outcome));
        if (next < count)
          assign(w);
        continue;
      }
      // End of file while running an item: the worker died on it.
      WorkerOutcome outcome;
      outcome.failure = describeStatus(reap(w));
      std::size_t item = *w.item;
      workers.erase(workers.begin() + static_cast<std::ptrdiff_t>(k));
      finished(item, std::move(outcome));
    }
  }
  for (Worker &w : workers)
    reap(w); // closing its pipe ends the worker's loop
}

} // namespace chcheck::cli
