// Timers (one service thread), time.After, and context cancellation trees.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <pthread.h>

#include "chan/context.hpp"
#include "monitor.hpp"
#include "sched.hpp"

namespace chan {
namespace detail {

namespace {

using clock = std::chrono::steady_clock;

// One thread runs every timer's callback at its deadline.  Each pending
// timer counts for the deadlock detector (timer_added/timer_finished): a
// goroutine waiting for a timer is not deadlocked.  The service is leaked on
// purpose so detached threads can use it during process exit.
class timer_service {
 public:
  using id = std::uint64_t;

  id add(clock::duration d, std::function<void()> fn) {
    std::unique_lock lk(m_);
    if (!started_) {
      std::thread([this] { run(); }).detach();
      started_ = true;
    }
    const id t = next_id_++;
    timer_added();
    const auto when = clock::now() + d;
    auto it = timers_.emplace(when, entry{t, std::move(fn)});
    ids_.emplace(t, it);
    if (it == timers_.begin()) cv_.notify_one();
    return t;
  }

  // True if the timer was still pending (it will never run).
  bool cancel(id t) {
    {
      std::lock_guard lk(m_);
      auto found = ids_.find(t);
      if (found == ids_.end()) return false;
      timers_.erase(found->second);
      ids_.erase(found);
    }
    timer_finished();
    return true;
  }

 private:
  struct entry {
    id t;
    std::function<void()> fn;
  };

  void run() {
    // Not a goroutine: give the thread a record that is never registered so
    // the channel operations it performs do not count it as one, and list it
    // among the runtime's own threads for the deadlock detector.
    static G service_record;
    tls_g = &service_record;
    note_service_thread();
    ::pthread_setname_np(::pthread_self(), "chan-timers");
    std::unique_lock lk(m_);
    for (;;) {
      if (timers_.empty()) {
        cv_.wait(lk);
        continue;
      }
      auto first = timers_.begin();
      if (clock::now() < first->first) {
        cv_.wait_until(lk, first->first);
        continue;
      }
      std::function<void()> fn = std::move(first->second.fn);
      ids_.erase(first->second.t);
      timers_.erase(first);
      lk.unlock();
      fn();
      timer_finished();  // after fn: whoever fn woke already counts as running
      lk.lock();
    }
  }

  std::mutex m_;
  std::condition_variable cv_;
  std::multimap<clock::time_point, entry> timers_;
  std::map<id, std::multimap<clock::time_point, entry>::iterator> ids_;
  id next_id_ = 1;
  bool started_ = false;
};

timer_service& timers() {
  static timer_service* s = new timer_service;
  return *s;
}

}  // namespace

struct context_state {
  std::mutex m;
  Chan<Unit> done = make<Unit>();
  ContextError err = ContextError::none;
  std::vector<std::shared_ptr<context_state>> children;
  std::weak_ptr<context_state> parent;
  std::uint64_t timer = 0;  // 0: none

  // Go's cancelCtx.cancel: closes done, cancels the children with the same
  // error, and detaches from the parent.
  static void cancel(const std::shared_ptr<context_state>& self, ContextError why) {
    std::vector<std::shared_ptr<context_state>> kids;
    std::uint64_t timer_to_stop = 0;
    {
      std::lock_guard lk(self->m);
      if (self->err != ContextError::none) return;
      self->err = why;
      self->done.close();
      kids.swap(self->children);
      timer_to_stop = std::exchange(self->timer, 0);
    }
    if (timer_to_stop) timers().cancel(timer_to_stop);
    for (auto& k : kids) cancel(k, why);
    if (auto p = self->parent.lock()) {
      std::lock_guard lk(p->m);
      std::erase(p->children, self);
    }
  }
};

namespace {

std::shared_ptr<context_state> new_child(const Context& parent) {
  auto child = std::make_shared<context_state>();
  if (const auto& p = parent.state()) {
    ContextError parent_err;
    {
      std::lock_guard lk(p->m);
      parent_err = p->err;
      if (parent_err == ContextError::none) {
        p->children.push_back(child);
        child->parent = p;
      }
    }
    if (parent_err != ContextError::none) context_state::cancel(child, parent_err);
  }
  return child;
}

CancelFunc canceller(const std::shared_ptr<context_state>& s) {
  return [s] { context_state::cancel(s, ContextError::canceled); };
}

}  // namespace
}  // namespace detail

const char* to_string(ContextError e) noexcept {
  switch (e) {
    case ContextError::canceled: return "context canceled";
    case ContextError::deadline_exceeded: return "context deadline exceeded";
    case ContextError::none: break;
  }
  return "";
}

RecvChan<Unit> Context::done() const {
  if (!state_) return {};
  return state_->done;
}

ContextError Context::err() const {
  if (!state_) return ContextError::none;
  std::lock_guard lk(state_->m);
  return state_->err;
}

Context background() { return Context{}; }

std::pair<Context, CancelFunc> with_cancel(const Context& parent) {
  auto s = detail::new_child(parent);
  return {Context(s), detail::canceller(s)};
}

std::pair<Context, CancelFunc> with_timeout(const Context& parent, std::chrono::nanoseconds d) {
  auto s = detail::new_child(parent);
  if (d <= std::chrono::nanoseconds::zero()) {
    detail::context_state::cancel(s, ContextError::deadline_exceeded);
  } else {
    std::lock_guard lk(s->m);
    if (s->err == ContextError::none) {
      std::weak_ptr<detail::context_state> weak = s;
      s->timer = detail::timers().add(d, [weak] {
        if (auto live = weak.lock()) {
          {
            // The timer is firing: cancel() must not try to stop it.
            std::lock_guard lk2(live->m);
            live->timer = 0;
          }
          detail::context_state::cancel(live, ContextError::deadline_exceeded);
        }
      });
    }
  }
  return {Context(s), detail::canceller(s)};
}

RecvChan<std::chrono::steady_clock::time_point> after(std::chrono::nanoseconds d) {
  using time_point = std::chrono::steady_clock::time_point;
  Chan<time_point> ch = make<time_point>(1);
  // Buffered with room for the one value: the timer's send never blocks.
  detail::timers().add(std::max(d, std::chrono::nanoseconds::zero()),
                       [ch] { ch.send(std::chrono::steady_clock::now()); });
  return ch;
}

}  // namespace chan
