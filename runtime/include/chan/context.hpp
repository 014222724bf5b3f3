#pragma once
// Go's context (Background, WithCancel, WithTimeout) and time.After.
#include <chrono>
#include <functional>
#include <memory>
#include <utility>

#include "chan/channel.hpp"

namespace chan {

enum class ContextError { none, canceled, deadline_exceeded };
// "context canceled", "context deadline exceeded"; "" for none.
const char* to_string(ContextError e) noexcept;

using CancelFunc = std::function<void()>;

namespace detail { struct context_state; }

class Context {
 public:
  // The background context: never canceled, done() is the nil channel.
  Context() noexcept = default;
  // Closed when the context is canceled or its deadline passes.
  RecvChan<Unit> done() const;
  ContextError err() const;

  explicit Context(std::shared_ptr<detail::context_state> s) noexcept : state_(std::move(s)) {}
  const std::shared_ptr<detail::context_state>& state() const noexcept { return state_; }

 private:
  std::shared_ptr<detail::context_state> state_;
};

Context background();
// Cancelling the parent cancels the child with the parent's error; the
// cancel function is idempotent and safe to call from any thread.
std::pair<Context, CancelFunc> with_cancel(const Context& parent);
// Canceled with deadline_exceeded after d (a pending timer for the
// deadlock detector until it fires or is cancelled).
std::pair<Context, CancelFunc> with_timeout(const Context& parent, std::chrono::nanoseconds d);

// Go's time.After: a channel that delivers the current time once, after d.
RecvChan<std::chrono::steady_clock::time_point> after(std::chrono::nanoseconds d);

}  // namespace chan
