#pragma once
// Internal: the exit-time leak check (CHAN_LEAKCHECK).
namespace chan::detail {

// Registered with atexit when CHAN_LEAKCHECK is set: lists every goroutine
// started by go() that has not returned (blocked, running or sleeping),
// minus those created at a CHAN_LEAKCHECK_IGNORE site, and ends the process
// with status 1 if there is any.
void leak_check_at_exit();

}  // namespace chan::detail
