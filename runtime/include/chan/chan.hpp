#pragma once
// Umbrella header of the chan runtime: Go's channels, select, goroutines,
// sync and context for C++20, with run-time deadlock and leak checks and
// goroutine dumps and snapshots.
#include "chan/errors.hpp"
#include "chan/channel.hpp"
#include "chan/select.hpp"
#include "chan/go.hpp"
#include "chan/sync.hpp"
#include "chan/context.hpp"
#include "chan/checks.hpp"
#include "chan/diagnostics.hpp"
