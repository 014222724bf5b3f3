#pragma once
// Internal: the runtime's settings from the environment, read once.  A
// malformed value ends the process with a message and status 2 the first
// time the settings are needed, as a bad command-line flag would.
#include <cstddef>
#include <string>
#include <vector>

namespace chan::detail {

struct leak_ignore {   // one CHAN_LEAKCHECK_IGNORE entry: a creation site
  std::string file;    // path suffix, compared whole components at a time
  unsigned line = 0;   // 0: any line of that file
};

struct settings {
  // CHAN_DEADLOCK=abort: a global deadlock is fatal even when threads the
  // runtime has never seen exist (the closed world of Go).  Default (unset
  // or "warn"): such a deadlock is only a warning and the process waits.
  bool deadlock_abort = false;
  // CHAN_SIGQUIT=0: no goroutine dump on SIGQUIT (default 1).
  bool sigquit_dump = true;
  // CHAN_SNAPSHOT_FILE=path: SIGUSR1 writes the JSON snapshot there.
  std::string snapshot_file;
  // CHAN_LEAKCHECK (any value but empty or 0): the exit-time leak check,
  // minus goroutines created at a CHAN_LEAKCHECK_IGNORE site.
  bool leakcheck = false;
  std::vector<leak_ignore> leakcheck_ignore;
  // CHAN_STACK_SIZE: bytes (suffix K, M or G for KiB, MiB, GiB) reserved
  // for each goroutine's stack.
  std::size_t stack_size = default_stack_size;

  static constexpr std::size_t default_stack_size = std::size_t{1} << 20;
  static constexpr std::size_t min_stack_size = std::size_t{64} << 10;
};

const settings& config();

}  // namespace chan::detail
