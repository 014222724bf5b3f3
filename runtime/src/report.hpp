#pragma once
// Internal: consistent copies of goroutine records and the text every
// report shares (deadlock, leak, dump, panic, fatal error), in Go's shapes.
#include <sys/types.h>

#include <cstdint>
#include <exception>
#include <source_location>
#include <string>
#include <typeinfo>
#include <vector>

#include "chan/checks.hpp"
#include "chan/errors.hpp"
#include "sched.hpp"

namespace chan::detail {

// One object a blocked goroutine is queued on (several for a select).
struct waited_object {
  const void* address;
  const char* role;  // "send", "receive", or the sync operation
};

// A copy of one goroutine's record, taken under its locks.
struct goroutine_info {
  std::uint64_t id = 0;
  g_kind kind = g_kind::adopted;
  pid_t tid = 0;
  std::string name;
  std::source_location created_at;
  std::uint64_t created_by = 0;
  bool blocked = false;
  wait_reason reason = wait_reason::none;
  std::string object;  // what it waits on, described
  std::vector<waited_object> waits_on;
  std::source_location where;
  std::int64_t blocked_since_ms = 0;
};

// Every goroutine alive, ordered by id.  Safe under a channel lock (it takes
// the registry's lock and each record's info_lock, nothing else).
std::vector<goroutine_info> collect_goroutines();
std::vector<BlockedGoroutine> blocked_of(const std::vector<goroutine_info>& all);

const char* reason_name(wait_reason r);
std::string address(const void* p);
std::string demangle(const std::type_info& t);
std::string describe_chan(const hchan_base* c);  // chan int "orders" 0x...
std::string quoted(const std::string& s);        // "orders", with \" and \\ escaped

// What a goroutine that is not blocked in the runtime is doing, from its
// OS thread: "running", "sleep" (nanosleep) or "syscall".  Linux only;
// "running" elsewhere or if /proc cannot be read.
std::string os_state(pid_t tid);

// "goroutine 7 \"flusher\" [chan send, 2 minutes]:\n\tsend on chan int 0x... at f.cpp:31\n\tcreated by goroutine 1 at f.cpp:58\n"
// state: the bracket's first part (the wait reason, or an os_state()).
std::string goroutine_block(const goroutine_info& g, const std::string& state, std::int64_t now_ms,
                            bool with_os_thread);

// Writes s to stderr after flushing stdout, then ends the process.
[[noreturn]] void print_and_exit(const std::string& s, int status);

// "fatal error: all goroutines are asleep - deadlock!" and the blocked
// goroutines, status 2.
[[noreturn]] void die_of_deadlock(const std::vector<goroutine_info>& all);
// Go's report of a panic not recovered, naming the current goroutine, its
// creation site and the object; status 2.
[[noreturn]] void die_of_panic(const panic_error& e);
// The same for any other exception: what() and its dynamic type.
[[noreturn]] void die_of_exception(std::exception_ptr e);
// Go's runtime.fatal ("fatal error: sync: unlock of unlocked mutex"): not an
// exception, not recoverable; status 2.
[[noreturn]] void fatal(const char* message, const std::source_location& where, const std::string& object);

}  // namespace chan::detail
