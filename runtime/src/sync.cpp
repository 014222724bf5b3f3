// sync.WaitGroup, sync.Mutex, sync.RWMutex and sync.Cond.  Waiters queue as sudogs and
// park through the runtime, like channel operations, so they appear in
// deadlock and leak reports.  Wake-ups hand ownership over directly to the
// woken goroutine (no barging), which keeps the rules simple and fair.
#include <mutex>

#include "chan/errors.hpp"
#include "chan/sync.hpp"
#include "report.hpp"
#include "sched.hpp"

namespace chan {

namespace {

// Enqueues the caller on q (lock held), parks, and returns once a waker
// granted what it waited for.  Releases lock.
void wait_on(detail::spin_mutex& lock, detail::waitq& q, detail::wait_reason reason,
             const void* object, const std::source_location& loc) {
  detail::G* g = detail::current_g();
  detail::sudog sg;
  sg.g = g;
  g->param = nullptr;
  q.enqueue(&sg);
  if (detail::block_prepare(g, reason, object, loc)) {
    q.remove(&sg);
    detail::unblock_self(g);
    lock.unlock();
    detail::deadlock_detected(loc);
  }
  lock.unlock();
  detail::park(g);
}

}  // namespace

// ---- WaitGroup -----------------------------------------------------------

void WaitGroup::add(int delta, std::source_location loc) {
  detail::ensure_known();
  lock_.lock();
  counter_ += delta;
  if (counter_ < 0) {
    counter_ -= delta;  // leave the group usable for a caller that recovers
    lock_.unlock();
    throw panic_error("sync: negative WaitGroup counter", loc, "sync.WaitGroup " + detail::address(this));
  }
  if (counter_ > 0 || waiters_.empty()) {
    lock_.unlock();
    return;
  }
  detail::sudog* wake_list = nullptr;
  while (detail::sudog* sg = waiters_.dequeue()) {
    sg->success = true;
    detail::ready(sg->g, sg);
    sg->wake_next = wake_list;
    wake_list = sg;
  }
  lock_.unlock();
  while (wake_list) {
    detail::sudog* next = wake_list->wake_next;
    detail::unpark(wake_list->g);
    wake_list = next;
  }
}

void WaitGroup::wait(std::source_location loc) {
  detail::ensure_known();
  lock_.lock();
  if (counter_ == 0) {
    lock_.unlock();
    return;
  }
  wait_on(lock_, waiters_, detail::wait_reason::waitgroup_wait, this, loc);
}

// ---- Mutex ---------------------------------------------------------------

void Mutex::lock(std::source_location loc) {
  detail::G* self = detail::current_g();
  lock_.lock();
  if (!locked_) {
    locked_ = true;
    owner_ = self->id;
    lock_.unlock();
    return;
  }
  wait_on(lock_, waiters_, detail::wait_reason::mutex_lock, this, loc);
  // The unlocker handed the mutex to us: locked_ stayed true, owner_ is us.
}

bool Mutex::try_lock() {
  detail::G* self = detail::current_g();
  std::lock_guard lk(lock_);
  if (locked_) return false;
  locked_ = true;
  owner_ = self->id;
  return true;
}

void Mutex::unlock(std::source_location loc) {
  detail::ensure_known();
  lock_.lock();
  if (!locked_) {
    lock_.unlock();
    detail::fatal("sync: unlock of unlocked mutex", loc, "sync.Mutex " + detail::address(this));
  }
  detail::sudog* sg = waiters_.dequeue();
  if (!sg) {
    locked_ = false;
    owner_ = 0;
    lock_.unlock();
    return;
  }
  detail::G* g = sg->g;
  owner_ = g->id;
  detail::ready(g, sg);
  lock_.unlock();
  detail::unpark(g);
}

// ---- RWMutex -------------------------------------------------------------
// Invariants (under lock_): writer_ and readers_ > 0 never hold together; a
// waiting writer makes new readers wait (Go's readerWait/writer preference).

void RWMutex::lock(std::source_location loc) {
  detail::G* self = detail::current_g();
  lock_.lock();
  if (!writer_ && readers_ == 0 && writers_waiting_.empty()) {
    writer_ = true;
    writer_owner_ = self->id;
    lock_.unlock();
    return;
  }
  wait_on(lock_, writers_waiting_, detail::wait_reason::rwmutex_lock, this, loc);
}

bool RWMutex::try_lock() {
  detail::G* self = detail::current_g();
  std::lock_guard lk(lock_);
  if (writer_ || readers_ > 0) return false;
  writer_ = true;
  writer_owner_ = self->id;
  return true;
}

void RWMutex::lock_shared(std::source_location loc) {
  detail::ensure_known();
  lock_.lock();
  if (!writer_ && writers_waiting_.empty()) {
    ++readers_;
    lock_.unlock();
    return;
  }
  wait_on(lock_, readers_waiting_, detail::wait_reason::rwmutex_rlock, this, loc);
}

bool RWMutex::try_lock_shared() {
  detail::ensure_known();
  std::lock_guard lk(lock_);
  if (writer_ || !writers_waiting_.empty()) return false;
  ++readers_;
  return true;
}

void RWMutex::unlock(std::source_location loc) {
  detail::ensure_known();
  lock_.lock();
  if (!writer_) {
    lock_.unlock();
    detail::fatal("sync: Unlock of unlocked RWMutex", loc, "sync.RWMutex " + detail::address(this));
  }
  writer_ = false;
  writer_owner_ = 0;
  // As Go: readers that queued during the write lock go first, then a writer.
  detail::sudog* wake_list = nullptr;
  if (!readers_waiting_.empty()) {
    while (detail::sudog* sg = readers_waiting_.dequeue()) {
      ++readers_;
      detail::ready(sg->g, sg);
      sg->wake_next = wake_list;
      wake_list = sg;
    }
  } else if (detail::sudog* sg = writers_waiting_.dequeue()) {
    writer_ = true;
    writer_owner_ = sg->g->id;
    detail::ready(sg->g, sg);
    wake_list = sg;
  }
  lock_.unlock();
  while (wake_list) {
    detail::sudog* next = wake_list->wake_next;
    detail::unpark(wake_list->g);
    wake_list = next;
  }
}

void RWMutex::unlock_shared(std::source_location loc) {
  detail::ensure_known();
  lock_.lock();
  if (readers_ == 0) {
    lock_.unlock();
    detail::fatal("sync: RUnlock of unlocked RWMutex", loc, "sync.RWMutex " + detail::address(this));
  }
  detail::G* woken = nullptr;
  if (--readers_ == 0) {
    if (detail::sudog* sg = writers_waiting_.dequeue()) {
      writer_ = true;
      writer_owner_ = sg->g->id;
      detail::ready(sg->g, sg);
      woken = sg->g;
    }
  }
  lock_.unlock();
  if (woken) detail::unpark(woken);
}

// ---- Cond ----------------------------------------------------------------
// Go's notifyList (runtime/sema.go): tickets make signal() wake the oldest
// waiter even when it has unlocked L but not parked yet.

void Cond::lock_l(const std::source_location& loc) {
  switch (side_) {
    case side::mutex: static_cast<Mutex*>(l_)->lock(loc); return;
    case side::write: static_cast<RWMutex*>(l_)->lock(loc); return;
    case side::read: static_cast<RWMutex*>(l_)->lock_shared(loc); return;
  }
}

void Cond::unlock_l(const std::source_location& loc) {
  switch (side_) {
    case side::mutex: static_cast<Mutex*>(l_)->unlock(loc); return;
    case side::write: static_cast<RWMutex*>(l_)->unlock(loc); return;
    case side::read: static_cast<RWMutex*>(l_)->unlock_shared(loc); return;
  }
}

void Cond::wait(std::source_location loc) {
  detail::G* g = detail::current_g();
  lock_.lock();
  const std::uint64_t ticket = next_ticket_++;
  lock_.unlock();
  unlock_l(loc);
  lock_.lock();
  if (ticket < notify_ticket_) {
    lock_.unlock();  // signalled between our unlock of L and here
  } else {
    detail::sudog sg;
    sg.g = g;
    sg.ticket = ticket;
    g->param = nullptr;
    waiters_.enqueue(&sg);
    if (detail::block_prepare(g, detail::wait_reason::cond_wait, this, loc)) {
      waiters_.remove(&sg);
      detail::unblock_self(g);
      lock_.unlock();
      try {
        detail::deadlock_detected(loc);
      } catch (...) {
        lock_l(loc);  // wait() always returns with L held
        throw;
      }
    }
    lock_.unlock();
    detail::park(g);
  }
  lock_l(loc);
}

void Cond::signal() {
  detail::ensure_known();
  lock_.lock();
  if (notify_ticket_ == next_ticket_) {  // nobody waits
    lock_.unlock();
    return;
  }
  const std::uint64_t ticket = notify_ticket_++;
  // The oldest ticket's waiter may not have parked yet (it will see its
  // ticket notified and not park); tickets may sit in the queue out of
  // order, because taking a ticket and parking are two steps.
  detail::G* woken = nullptr;
  for (detail::sudog* sg = waiters_.first; sg; sg = sg->next) {
    if (sg->ticket != ticket) continue;
    waiters_.remove(sg);
    sg->success = true;
    detail::ready(sg->g, sg);
    woken = sg->g;
    break;
  }
  lock_.unlock();
  if (woken) detail::unpark(woken);
}

void Cond::broadcast() {
  detail::ensure_known();
  lock_.lock();
  notify_ticket_ = next_ticket_;
  detail::sudog* wake_list = nullptr;
  while (detail::sudog* sg = waiters_.first) {
    waiters_.remove(sg);
    sg->success = true;
    detail::ready(sg->g, sg);
    sg->wake_next = wake_list;
    wake_list = sg;
  }
  lock_.unlock();
  while (wake_list) {
    detail::sudog* next = wake_list->wake_next;
    detail::unpark(wake_list->g);
    wake_list = next;
  }
}

}  // namespace chan
