// Channel operations and select: a port of Go's src/runtime/chan.go and
// select.go onto OS threads.  Every channel has one lock; blocked goroutines
// wait in the channel's recvq/sendq as sudogs; a sender that finds a waiting
// receiver (or vice versa) hands the value over directly and wakes it.
#include <algorithm>
#include <cstdint>
#include <optional>

#include "chan/detail/core.hpp"
#include "chan/errors.hpp"
#include "report.hpp"
#include "sched.hpp"

namespace chan::detail {

namespace {

// Per-thread xorshift for select's poll order (Go's cheaprand).
std::uint32_t cheaprand() noexcept {
  thread_local std::uint64_t state = [] {
    std::uint64_t s = reinterpret_cast<std::uintptr_t>(&state) ^ 0x9E3779B97F4A7C15ull;
    static std::atomic<std::uint64_t> seq{0};
    s ^= (seq.fetch_add(1, std::memory_order_relaxed) + 1) * 0xBF58476D1CE4E5B9ull;
    return s ? s : 1;
  }();
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return static_cast<std::uint32_t>(state >> 32);
}

std::uint32_t cheaprandn(std::uint32_t n) noexcept {
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(cheaprand()) * n) >> 32);
}

[[noreturn]] void panic_on(const char* message, const hchan_base* c, const std::source_location& loc) {
  throw panic_error(message, loc, describe_chan(c));
}

// Wakes g, or a polite sleeper on word, after the caller released the
// channel lock.
struct wake_after_unlock {
  G* g = nullptr;
  std::atomic<std::uint32_t>* word = nullptr;
  ~wake_after_unlock() {
    if (g) unpark(g);
    if (word) futex_wake_one(word);
  }
};

// Go's send(): a receiver sg is waiting; hand it the value.  Lock held.
G* send_direct(hchan_base* c, sudog* sg, void* elem) {
  c->ops->move_assign(sg->elem, elem);
  sg->success = true;
  ready(sg->g, sg);
  return sg->g;
}

// Go's recv(): a sender sg is waiting.  Unbuffered: take its value.
// Buffered (so the buffer is full): take the head, and put the sender's
// value at the tail.  Lock held.
G* recv_direct(hchan_base* c, sudog* sg, void* elem) {
  if (c->dataqsiz == 0) {
    c->ops->move_assign(elem, sg->elem);
  } else {
    void* head = c->slot(c->recvx);
    c->ops->move_assign(elem, head);
    c->ops->move_assign(head, sg->elem);
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    c->sendx = c->recvx;
  }
  sg->success = true;
  ready(sg->g, sg);
  return sg->g;
}

// A receiver (sender) that found the buffer empty (full) may sleep
// politely on a word (polite_sleep): claims one such sleeper for a wake-up
// and returns the word to wake after unlocking, or null.  Lock held.
std::atomic<std::uint32_t>* claim_sleeper(std::uint32_t& sleepers, std::atomic<std::uint32_t>& word) {
  if (sleepers == 0) [[likely]]
    return nullptr;
  --sleepers;
  word.fetch_add(1, std::memory_order_relaxed);
  return &word;
}

// Lock held.  Returns the word of a receiver sleeping politely to wake.
std::atomic<std::uint32_t>* buffer_put(hchan_base* c, void* elem) {
  c->ops->move_assign(c->slot(c->sendx), elem);
  if (++c->sendx == c->dataqsiz) c->sendx = 0;
  c->qcount.store(c->count() + 1, std::memory_order_relaxed);
  return claim_sleeper(c->value_sleepers, c->value_word);
}

// Lock held.  Returns the word of a sender sleeping politely to wake.
std::atomic<std::uint32_t>* buffer_take(hchan_base* c, void* elem) {
  void* head = c->slot(c->recvx);
  c->ops->move_assign(elem, head);
  c->ops->reset(head);
  if (++c->recvx == c->dataqsiz) c->recvx = 0;
  c->qcount.store(c->count() - 1, std::memory_order_relaxed);
  return claim_sleeper(c->room_sleepers, c->room_word);
}

// Blocks the calling goroutine forever (nil channel, empty select).  Returns
// only by throwing deadlock_error when a deadlock handler is installed.
[[noreturn]] void block_forever(wait_reason reason, const std::source_location& loc) {
  G* g = current_g();
  if (block_prepare(g, reason, nullptr, loc)) {
    unblock_self(g);
    deadlock_detected(loc);
  }
  for (;;) park(g);  // nobody ever unparks it
}

// Before a goroutine parks on a full (send) or empty (receive) buffered
// channel, it waits briefly without the lock for the other side to make
// room or a value: with both sides running this avoids a park/wake pair per
// message once the buffer is full or empty (the lockstep Go's cheap
// goroutine switches hide).  Returns true if retrying is worthwhile.
template <class Ready>
bool spin_before_park(hchan_base* c, Ready ready) {
  if (c->dataqsiz == 0) return false;  // unbuffered: the partner must queue
  return wait_briefly(current_g(), ready, polite_yield_limit);
}

// Then, if the buffer is still full (empty), the goroutine sleeps on the
// channel's room (value) word until the partner that makes room (a value)
// claims it (buffer_take, buffer_put), close wakes it, or polite_sleep_ns
// pass, and retries once before it queues.  Unlike yielding, a sleeper is
// not runnable: on a loaded machine with more goroutines than CPUs, the
// CPUs go to the goroutines that can make progress instead of being passed
// around among those that cannot (4x4 MPMC at capacity 128: 34-49 context
// switches per 1000 messages before, 15.6 after, docs/runtime-bench.md).
// As for the brief wait, a goroutine arriving meanwhile may take the room
// (value) first; among queued waiters Go's FIFO order is unchanged.  Called
// with the lock held (the buffer full or empty); returns with it released.
void polite_sleep(hchan_base* c, std::uint32_t& sleepers, std::atomic<std::uint32_t>& word) {
  ++sleepers;
  const std::uint32_t seen = word.load(std::memory_order_relaxed);
  c->lock.unlock();
  if (futex_wait_for(&word, seen, polite_sleep_ns)) return;  // claimed (or spurious)
  // Timed out.  If no sleeper was claimed since, ours is still counted.
  c->lock.lock();
  if (word.load(std::memory_order_relaxed) == seen && sleepers > 0) --sleepers;
  c->lock.unlock();
}

}  // namespace

sudog* waitq::dequeue() noexcept {
  for (;;) {
    sudog* s = first;
    if (!s) return nullptr;
    remove(s);
    // A select waits on several channels; only the first waker wins it.
    if (s->is_select) {
      std::uint32_t expected = 0;
      if (!s->g->select_done.compare_exchange_strong(expected, 1, std::memory_order_acq_rel))
        continue;
    }
    return s;
  }
}

void chansend(hchan_base* c, void* elem, const std::source_location& loc) {
  ensure_known();  // a thread's first use of a channel adopts it
  if (!c) block_forever(wait_reason::chan_send_nil, loc);
  wake_after_unlock wake;
  bool spun = false, slept = false;
retry:
  c->lock.lock();
  if (c->closed) {
    c->lock.unlock();
    panic_on("send on closed channel", c, loc);
  }
  if (sudog* sg = c->recvq.dequeue()) {
    wake.g = send_direct(c, sg, elem);
    c->lock.unlock();
    return;
  }
  if (c->count() < c->dataqsiz) {
    wake.word = buffer_put(c, elem);
    c->lock.unlock();
    return;
  }
  if (!spun && c->dataqsiz > 0) {
    spun = true;
    c->lock.unlock();
    spin_before_park(c, [c] { return c->count() < c->dataqsiz; });
    goto retry;
  }
  if (!slept && c->dataqsiz > 0) {
    slept = true;
    polite_sleep(c, c->room_sleepers, c->room_word);
    goto retry;
  }
  G* g = current_g();
  sudog sg;
  sg.g = g;
  sg.elem = elem;
  sg.c = c;
  g->param = nullptr;
  c->sendq.enqueue(&sg);
  if (block_prepare(g, wait_reason::chan_send, c, loc)) {
    c->sendq.remove(&sg);
    unblock_self(g);
    c->lock.unlock();
    deadlock_detected(loc);
  }
  c->lock.unlock();
  park(g);
  // Woken by a receiver (value taken) or by close (Go panics).
  if (!sg.success) panic_on("send on closed channel", c, loc);
}

bool chanrecv(hchan_base* c, void* elem, const std::source_location& loc) {
  ensure_known();
  if (!c) block_forever(wait_reason::chan_receive_nil, loc);
  wake_after_unlock wake;
  bool spun = false, slept = false;
retry:
  c->lock.lock();
  if (c->closed && c->count() == 0) {
    c->lock.unlock();
    c->ops->reset(elem);
    return false;
  }
  if (sudog* sg = c->sendq.dequeue()) {
    wake.g = recv_direct(c, sg, elem);
    c->lock.unlock();
    return true;
  }
  if (c->count() > 0) {
    wake.word = buffer_take(c, elem);
    c->lock.unlock();
    return true;
  }
  if (!spun && c->dataqsiz > 0) {
    spun = true;
    c->lock.unlock();
    spin_before_park(c, [c] { return c->count() > 0; });
    goto retry;
  }
  if (!slept && c->dataqsiz > 0) {
    slept = true;
    polite_sleep(c, c->value_sleepers, c->value_word);
    goto retry;
  }
  G* g = current_g();
  sudog sg;
  sg.g = g;
  sg.elem = elem;
  sg.c = c;
  g->param = nullptr;
  c->recvq.enqueue(&sg);
  if (block_prepare(g, wait_reason::chan_receive, c, loc)) {
    c->recvq.remove(&sg);
    unblock_self(g);
    c->lock.unlock();
    deadlock_detected(loc);
  }
  c->lock.unlock();
  park(g);
  return sg.success;  // false: woken by close, elem is still T{}
}

void chanclose(hchan_base* c, const std::source_location& loc) {
  ensure_known();
  if (!c) panic_on("close of nil channel", c, loc);
  c->lock.lock();
  if (c->closed) {
    c->lock.unlock();
    panic_on("close of closed channel", c, loc);
  }
  c->closed = true;
  // Polite sleepers retry and see the close.
  const bool sleepers = c->room_sleepers || c->value_sleepers;
  if (sleepers) {
    c->room_sleepers = c->value_sleepers = 0;
    c->room_word.fetch_add(1, std::memory_order_relaxed);
    c->value_word.fetch_add(1, std::memory_order_relaxed);
  }
  // Every waiting receiver gets (T{}, false); every waiting sender panics.
  // Collect them, count them as running under the lock, wake them after.
  sudog* wake_list = nullptr;
  while (sudog* sg = c->recvq.dequeue()) {
    c->ops->reset(sg->elem);
    sg->success = false;
    ready(sg->g, sg);
    sg->wake_next = wake_list;
    wake_list = sg;
  }
  while (sudog* sg = c->sendq.dequeue()) {
    sg->success = false;
    ready(sg->g, sg);
    sg->wake_next = wake_list;
    wake_list = sg;
  }
  c->lock.unlock();
  if (sleepers) {
    futex_wake_all(&c->room_word);
    futex_wake_all(&c->value_word);
  }
  while (wake_list) {
    // Read everything before unparking: the sudog dies with its select/op.
    sudog* next = wake_list->wake_next;
    G* g = wake_list->g;
    unpark(g);
    wake_list = next;
  }
}

std::size_t chanlen(hchan_base* c) noexcept {
  if (!c) return 0;
  return c->count();
}

void block_forever_select(const std::source_location& loc) {
  block_forever(wait_reason::select_no_cases, loc);
}

namespace {

// One case of select's polling passes, with its channel locked: if the case
// can proceed, performs it, calls unlock() (which releases the lock(s)
// held), wakes the partner and returns the result; otherwise returns
// nothing with the locks still held.  A send on a closed channel panics.
template <class Unlock>
std::optional<select_result> try_case(scase& cas, std::uint32_t i, Unlock unlock) {
  hchan_base* c = cas.c;
  if (cas.kind == case_kind::send) {
    if (c->closed) {
      unlock();
      panic_on("send on closed channel", c, cas.loc);
    }
    if (sudog* sg = c->recvq.dequeue()) {
      G* woken = send_direct(c, sg, cas.elem);
      unlock();
      unpark(woken);
      return select_result{i, false};
    }
    if (c->count() < c->dataqsiz) {
      std::atomic<std::uint32_t>* sleeper = buffer_put(c, cas.elem);
      unlock();
      if (sleeper) futex_wake_one(sleeper);
      return select_result{i, false};
    }
  } else {
    if (sudog* sg = c->sendq.dequeue()) {
      G* woken = recv_direct(c, sg, cas.elem);
      unlock();
      unpark(woken);
      return select_result{i, true};
    }
    if (c->count() > 0) {
      std::atomic<std::uint32_t>* sleeper = buffer_take(c, cas.elem);
      unlock();
      if (sleeper) futex_wake_one(sleeper);
      return select_result{i, true};
    }
    if (c->closed) {
      unlock();
      c->ops->reset(cas.elem);
      return select_result{i, false};
    }
  }
  return std::nullopt;
}

}  // namespace

select_result selectgo(scase* cases, std::size_t n, std::uint32_t* order, sudog* sudogs,
                       const std::source_location& loc) {
  ensure_known();
  // pollorder: the non-nil channel cases in random order (Fisher-Yates as
  // Go does); lockorder: the same cases sorted by channel address.
  std::uint32_t* pollorder = order;
  std::uint32_t* lockorder = order + n;
  std::size_t npoll = 0;
  std::size_t default_index = n;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (cases[i].kind == case_kind::default_) {
      default_index = i;
      continue;
    }
    if (!cases[i].c) continue;  // a nil channel is never ready
    std::uint32_t j = cheaprandn(static_cast<std::uint32_t>(npoll + 1));
    pollorder[npoll] = pollorder[j];
    pollorder[j] = i;
    ++npoll;
  }
  if (npoll == 0) {
    if (default_index < n) return {default_index, false};
    G* g = current_g();
    if (block_prepare(g, wait_reason::select, nullptr, loc, cases, n)) {
      unblock_self(g);
      deadlock_detected(loc);
    }
    for (;;) park(g);
  }
  std::copy(pollorder, pollorder + npoll, lockorder);
  std::sort(lockorder, lockorder + npoll,
            [cases](std::uint32_t a, std::uint32_t b) { return cases[a].c < cases[b].c; });

  auto lock_all = [&] {
    hchan_base* prev = nullptr;
    for (std::size_t i = 0; i < npoll; ++i) {
      hchan_base* c = cases[lockorder[i]].c;
      if (c != prev) c->lock.lock();  // the same channel twice is locked once
      prev = c;
    }
  };
  auto unlock_all = [&] {
    for (std::size_t i = npoll; i-- > 0;) {
      hchan_base* c = cases[lockorder[i]].c;
      if (i > 0 && cases[lockorder[i - 1]].c == c) continue;
      c->lock.unlock();
    }
  };

  // Pass 0 (not in Go): poll the cases in poll order, locking one channel
  // at a time.  Taking a case that is ready while its channel is locked is
  // an outcome Go's select can produce (uniformly random among the ready
  // cases, as the order is random), and it saves locking every channel when
  // one is ready, the common case under load.  Deciding that nothing is
  // ready (default, or parking) needs all the locks at once: pass 1.  With
  // a single channel the two passes would be the same.
  for (std::size_t k = 0; npoll > 1 && k < npoll; ++k) {
    const std::uint32_t i = pollorder[k];
    hchan_base* c = cases[i].c;
    c->lock.lock();
    if (std::optional<select_result> r = try_case(cases[i], i, [c] { c->lock.unlock(); }))
      return *r;
    c->lock.unlock();
  }

  lock_all();

  // Pass 1: take the first ready case in poll order.
  for (std::size_t k = 0; k < npoll; ++k) {
    const std::uint32_t i = pollorder[k];
    if (std::optional<select_result> r = try_case(cases[i], i, unlock_all)) return *r;
  }

  if (default_index < n) {
    unlock_all();
    return {default_index, false};
  }

  // Pass 2: enqueue on every channel and park.
  G* g = current_g();
  g->param = nullptr;
  g->select_done.store(0, std::memory_order_relaxed);
  for (std::size_t k = 0; k < npoll; ++k) {
    const std::uint32_t i = lockorder[k];
    sudog& sg = sudogs[i];
    sg = sudog{};
    sg.g = g;
    sg.elem = cases[i].elem;
    sg.c = cases[i].c;
    sg.case_index = i;
    sg.is_select = true;
    if (cases[i].kind == case_kind::send) cases[i].c->sendq.enqueue(&sg);
    else cases[i].c->recvq.enqueue(&sg);
  }
  auto dequeue_all = [&] {
    for (std::size_t k = 0; k < npoll; ++k) {
      sudog& sg = sudogs[lockorder[k]];
      if (sg.queue) sg.queue->remove(&sg);
    }
  };
  if (block_prepare(g, wait_reason::select, nullptr, loc, cases, n)) {
    dequeue_all();
    unblock_self(g);
    unlock_all();
    deadlock_detected(loc);
  }
  unlock_all();
  park(g);

  // Pass 3: the winner is g->param; take our other sudogs off their queues.
  sudog* won = g->param;
  lock_all();
  dequeue_all();
  g->select_done.store(0, std::memory_order_relaxed);
  unlock_all();

  const std::uint32_t i = won->case_index;
  if (cases[i].kind == case_kind::send) {
    if (!won->success) panic_on("send on closed channel", cases[i].c, cases[i].loc);
    return {i, false};
  }
  return {i, won->success};
}

}  // namespace chan::detail
