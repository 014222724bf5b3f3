#pragma once
// What operators reach for first: a goroutine dump (Go's SIGQUIT and
// /debug/pprof/goroutine?debug=2), a JSON snapshot of goroutines, channels
// and sync objects for tools and dashboards, and the goroutine count.  None
// of these makes the calling thread known to the runtime, so a monitoring
// thread never hides a deadlock.  See docs/runtime.md, "Diagnostics".
#include <cstddef>
#include <iosfwd>
#include <string>

namespace chan {

// Every goroutine: id, name, state (running, sleep, syscall) or wait
// reason with how long it has waited, the object it waits on, the source
// line of the operation and of its go() call, and its OS thread.  The
// process keeps running.  SIGQUIT writes the same to stderr.
void dump_goroutines(std::ostream& out);

// A JSON document (schema in docs/runtime.md): the goroutines as in the
// dump; every live channel with its name, element type, len, cap, closed,
// queued senders and receivers and the goroutines blocked on it; and the
// Mutexes, RWMutexes, WaitGroups and Conds that are held or waited on, with
// owner and waiters.  Taken object by object: not one atomic instant.
// With CHAN_SNAPSHOT_FILE set, SIGUSR1 writes it to that file.
std::string snapshot_json();

// Goroutines known to the runtime right now: those started by go() that
// have not returned, plus main and adopted threads once they used it.
std::size_t num_goroutines();

}  // namespace chan
