#include "DiffLines.h"

#include "CompileDb.h"
#include "Options.h"

#include <cstdio>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace chcheck::cli {
namespace {

// Git quotes paths with unusual characters: "b/caf\303\251.cpp".
std::string unquote(const std::string &path) {
  if (path.size() < 2 || path.front() != '"' || path.back() != '"')
    return path;
  std::string out;
  for (std::size_t i = 1; i + 1 < path.size(); ++i) {
    char c = path[i];
    if (c != '\\' || i + 2 >= path.size()) {
      out += c;
      continue;
    }
    char e = path[++i];
    if (e >= '0' && e <= '7' && i + 2 < path.size()) {
      out += static_cast<char>(((e - '0') << 6) | ((path[i + 1] - '0') << 3) | (path[i + 2] - '0'));
      i += 2;
    } else {
      static const std::string from = "abtnvfr", to = "\a\b\t\n\v\f\r";
      auto k = from.find(e);
      out += k == std::string::npos ? e : to[k];
    }
  }
  return out;
}

// Runs a command without a shell; returns its standard output, or throws
// UsageError with `what` and its standard error.
std::string capture(const std::vector<std::string> &argv, const std::string &what) {
  int out[2], err[2];
  if (::pipe(out) != 0 || ::pipe(err) != 0)
    throw UsageError{what + ": cannot create a pipe"};
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::close(out[0]), ::close(err[0]), ::close(out[1]), ::close(err[1]);
    std::vector<char *> args;
    for (const std::string &a : argv)
      args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "cannot run %s\n", args[0]);
    _exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  // Git writes little on stderr: reading stdout to its end first cannot block it.
  std::string stdoutText, stderrText;
  char buffer[65536];
  for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) > 0;)
    stdoutText.append(buffer, static_cast<std::size_t>(n));
  for (ssize_t n; (n = ::read(err[0], buffer, sizeof buffer)) > 0;)
    stderrText.append(buffer, static_cast<std::size_t>(n));
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!stderrText.empty() && (stderrText.back() == '\n' || stderrText.back() == '\r'))
      stderrText.pop_back();
    auto firstLine = stderrText.substr(0, stderrText.find('\n'));
    throw UsageError{what + (firstLine.empty() ? "" : ": " + firstLine)};
  }
  return stdoutText;
}

} // namespace

ChangedLines parseUnifiedDiff(const std::string &diff, const std::string &root,
                              const std::string &name) {
  ChangedLines changed;
  std::istringstream in(diff);
  std::string line;
  std::set<unsigned> *current = nullptr;
  unsigned newLine = 0, newLeft = 0, oldLeft = 0, number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (newLeft > 0 || oldLeft > 0) { // inside a hunk
      char kind = line.empty() ? ' ' : line[0];
      if (kind == '+') {
        if (current)
          current->insert(newLine);
        ++newLine, --newLeft;
        continue;
      }
      if (kind == '-') {
        --oldLeft;
        continue;
      }
      if (kind == ' ') {
        ++newLine, --newLeft, --oldLeft;
        continue;
      }
      if (kind == '\\') // "\ No newline at end of file"
        continue;
      throw UsageError{name + ":" + std::to_string(number) +
                       ": the hunk ends early (a truncated diff?)"};
    }
    if (line.rfind("+++ ", 0) == 0) {
      std::string path = unquote(line.substr(4));
      auto tab = path.find('\t'); // "+++ b/x.cpp\t2024-01-01 ..." (diff -u)
      if (tab != std::string::npos)
        path = path.substr(0, tab);
      if (path == "/dev/null") {
        current = nullptr;
        continue;
      }
      if (path.rfind("b/", 0) == 0)
        path = path.substr(2);
      current = &changed[absolutePath(path, root)];
      continue;
    }
    if (line.rfind("@@ ", 0) == 0) {
      unsigned oldStart = 0, oldCount = 1, newStart = 0, newCount = 1;
      int matched = std::sscanf(line.c_str(), "@@ -%u,%u +%u,%u @@", &oldStart, &oldCount,
                                &newStart, &newCount);
      if (matched != 4) {
        oldCount = 1, newCount = 1;
        if (std::sscanf(line.c_str(), "@@ -%u +%u,%u @@", &oldStart, &newStart, &newCount) != 3 &&
            std::sscanf(line.c_str(), "@@ -%u,%u +%u @@", &oldStart, &oldCount, &newStart) != 3 &&
            std::sscanf(line.c_str(), "@@ -%u +%u @@", &oldStart, &newStart) != 2)
          throw UsageError{name + ":" + std::to_string(number) + ": malformed hunk header '" +
                           line + "'"};
      }
      newLine = newStart;
      newLeft = newCount;
      oldLeft = oldCount;
    }
  }
  if (newLeft > 0 || oldLeft > 0)
    throw UsageError{name + ": the last hunk ends early (a truncated diff?)"};
  return changed;
}

std::string gitTopLevel(const std::string &directory) {
  try {
    std::string top = capture({"git", "-C", directory, "rev-parse", "--show-toplevel"}, "git");
    while (!top.empty() && (top.back() == '\n' || top.back() == '\r'))
      top.pop_back();
    return top;
  } catch (const UsageError &) {
    return "";
  }
}

ChangedLines changedSince(const std::string &revision, const std::string &directory) {
  std::string top = gitTopLevel(directory);
  if (top.empty())
    throw UsageError{"--since: " + directory + " is not in a git work tree"};
  std::string base = capture({"git", "-C", top, "merge-base", revision, "HEAD"},
                             "--since: no merge base of '" + revision + "' and HEAD");
  while (!base.empty() && (base.back() == '\n' || base.back() == '\r'))
    base.pop_back();
  std::string diff = capture({"git", "-C", top, "diff", "-U0", "--no-color", "--no-ext-diff",
                              "--src-prefix=a/", "--dst-prefix=b/", base},
                             "--since: git diff failed");
  return parseUnifiedDiff(diff, top, "git diff " + base);
}

} // namespace chcheck::cli
