#pragma once
// Run-time checks: goroutines blocked right now (goleak-style), and the
// global deadlock detector's hook.  See docs/runtime.md.
#include <cstdint>
#include <functional>
#include <source_location>
#include <string>
#include <vector>

namespace chan {

struct BlockedGoroutine {
  std::uint64_t id;        // goroutine id; the main thread is 1
  std::string operation;   // Go's wait reason: "chan send", "chan receive", "select", "sync.Mutex.Lock", ...
  std::string object;      // "chan int \"orders\" 0x...", "nil chan", "sync.WaitGroup 0x...", ...
  std::source_location where;
  std::string name;                 // go_named()'s name, or empty
  std::source_location created_at;  // the go() call that started it (line 0: main or an adopted thread)
};

// Goroutines blocked right now, ordered by id.  Does not make the calling
// thread known to the runtime.
std::vector<BlockedGoroutine> blocked_goroutines();

using DeadlockHandler = std::function<void(const std::vector<BlockedGoroutine>&)>;
// Replaces the deadlock report (print, then exit with status 2) by a hook.
// After the hook returns, the goroutine that detected the deadlock gets a
// chan::deadlock_error thrown from its blocking call (a goroutine started by
// go() that does not catch it simply ends); the others stay blocked.  An
// empty function restores the default.
void set_deadlock_handler(DeadlockHandler handler);

// The current goroutine's id (makes the calling thread known to the
// runtime if it is not yet, like any other use).
std::uint64_t goroutine_id();

}  // namespace chan
