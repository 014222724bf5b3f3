#pragma once
// Internal: the runtime's monitor thread.  Started at the first use of the
// runtime; it writes goroutine dumps on SIGQUIT and JSON snapshots on
// SIGUSR1 (its signal handlers only wake it), and watches stalls that may
// be deadlocks (deadlock.cpp).
namespace chan::detail {

void start_monitor();
// A stall that is not certainly a deadlock began: watch it.
void notify_stall() noexcept;
// Marks the calling thread as one of the runtime's own (not a goroutine,
// never unknown to the deadlock detector).
void note_service_thread();

}  // namespace chan::detail
