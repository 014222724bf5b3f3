#pragma once
// Internals shared by the header templates and libchan: the channel lock,
// the waiting records ("sudog" in Go's runtime), wait queues and the
// type-erased channel state ("hchan").  The algorithms live in src/chan.cpp
// and are ports of Go's src/runtime/chan.go and select.go.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>

namespace chan::detail {

// The PAUSE instruction through the builtin GCC and Clang share, not
// <immintrin.h>: that header costs every translation unit including the
// runtime ~0.25 s of parsing (a fifth of chan.hpp's).
inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

// A small lock: one CAS to take and one exchange to release when
// uncontended; contended waiters spin briefly, then sleep on the word
// (futex via std::atomic::wait).  Never held across a park.
class spin_mutex {
 public:
  void lock() noexcept {
    std::uint32_t expected = 0;
    if (state_.compare_exchange_strong(expected, 1, std::memory_order_acquire,
                                       std::memory_order_relaxed)) [[likely]]
      return;
    lock_slow();
  }
  bool try_lock() noexcept {
    std::uint32_t expected = 0;
    return state_.compare_exchange_strong(expected, 1, std::memory_order_acquire,
                                          std::memory_order_relaxed);
  }
  void unlock() noexcept {
    if (state_.exchange(0, std::memory_order_release) == 2) [[unlikely]]
      state_.notify_one();
  }

 private:
  void lock_slow() noexcept;
  // 0: unlocked, 1: locked, 2: locked and somebody may be sleeping on it.
  std::atomic<std::uint32_t> state_{0};
};

struct G;  // a goroutine known to the runtime (src/sched.cpp)
struct hchan_base;

// A goroutine waiting on one channel (or one case of a select), or on a
// sync primitive.  Lives on the waiting goroutine's stack.
struct sudog {
  G* g = nullptr;
  void* elem = nullptr;           // value to send, or where to receive into
  hchan_base* c = nullptr;
  sudog* next = nullptr;
  sudog* prev = nullptr;
  struct waitq* queue = nullptr;  // the queue this record is in, or null
  sudog* wake_next = nullptr;     // closechan's list of goroutines to wake
  std::uint32_t case_index = 0;   // select case this record stands for
  std::uint64_t ticket = 0;       // sync.Cond: the waiter's place in line
  bool is_select = false;
  bool success = false;           // woken by a real send/recv (false: by close)
};

// FIFO of waiting sudogs, guarded by the owning object's lock.
struct waitq {
  sudog* first = nullptr;
  sudog* last = nullptr;

  void enqueue(sudog* s) noexcept {
    s->next = nullptr;
    s->prev = last;
    s->queue = this;
    if (last) last->next = s; else first = s;
    last = s;
  }
  void remove(sudog* s) noexcept {
    if (s->queue != this) return;  // already taken by a waker
    if (s->prev) s->prev->next = s->next; else first = s->next;
    if (s->next) s->next->prev = s->prev; else last = s->prev;
    s->next = s->prev = nullptr;
    s->queue = nullptr;
  }
  // Go's dequeue: skips select records whose select another case already won.
  sudog* dequeue() noexcept;
  bool empty() const noexcept { return first == nullptr; }
};

// Every channel and sync object links itself into the runtime's list of live
// objects for snapshots (chan::snapshot_json) while it exists.  Declared as
// the owner's last member, so it is unlinked before the owner's other
// members are destroyed.
enum class object_kind : std::uint8_t { channel, mutex, rwmutex, waitgroup, cond };

class live_object {
 public:
  live_object(object_kind kind, const void* owner) noexcept;
  ~live_object();
  live_object(const live_object&) = delete;
  live_object& operator=(const live_object&) = delete;

  object_kind kind;
  const void* owner;
  live_object* prev = nullptr;  // guarded by the list's lock (src/objects.cpp)
  live_object* next = nullptr;
};

// Type-erased element operations, one table per element type.
struct elem_ops {
  void (*move_assign)(void* dst, void* src);  // *dst = std::move(*src)
  void (*reset)(void* p);                     // *p = T{} (Go's typedmemclr)
  const std::type_info* type;
};

template <class T>
inline constexpr elem_ops elem_ops_for{
    [](void* dst, void* src) { *static_cast<T*>(dst) = std::move(*static_cast<T*>(src)); },
    [](void* p) { *static_cast<T*>(p) = T{}; },
    &typeid(T)};

// Go's hchan.  The ring buffer holds default-constructed T objects; values
// are moved in and out, and a vacated slot is reset to T{}.
struct hchan_base {
  hchan_base(const elem_ops* element_ops, void* buffer, std::size_t element_size,
             std::size_t capacity, std::string_view channel_name)
      : ops(element_ops),
        buf(static_cast<unsigned char*>(buffer)),
        elemsize(element_size),
        dataqsiz(capacity),
        name(channel_name) {}
  virtual ~hchan_base() = default;
  hchan_base(const hchan_base&) = delete;
  hchan_base& operator=(const hchan_base&) = delete;

  void* slot(std::size_t i) const noexcept { return buf + i * elemsize; }

  const elem_ops* ops;
  unsigned char* buf;
  std::size_t elemsize;
  std::size_t dataqsiz;  // capacity
  // Written only under lock; read without it by the pre-park spin (and
  // len()), hence atomic.  Relaxed is enough: the lock orders everything
  // that matters.
  std::atomic<std::size_t> qcount{0};
  std::size_t count() const noexcept { return qcount.load(std::memory_order_relaxed); }
  std::size_t sendx = 0;
  std::size_t recvx = 0;
  bool closed = false;
  // Buffered channels only: goroutines that found the buffer full (senders)
  // or empty (receivers) and sleep briefly on a futex word before they
  // queue as Go waiters (src/chan.cpp, polite_sleep).  The counts are
  // guarded by lock; a word changes (under lock) whenever a sleeper is
  // claimed for a wake-up, and at close.
  std::uint32_t room_sleepers = 0;
  std::uint32_t value_sleepers = 0;
  std::atomic<std::uint32_t> room_word{0};
  std::atomic<std::uint32_t> value_word{0};
  waitq recvq;
  waitq sendq;
  spin_mutex lock;
  const std::string name;  // make<T>(n, name); empty if unnamed
  live_object live{object_kind::channel, this};
};

template <class T>
struct hchan final : hchan_base {
  hchan(std::size_t cap, std::string_view name)
      : hchan_base(&elem_ops_for<T>, nullptr, sizeof(T), cap, name),
        storage(cap ? new T[cap]() : nullptr) {
    buf = reinterpret_cast<unsigned char*>(storage.get());
  }
  std::unique_ptr<T[]> storage;
};

// The channel operations (src/chan.cpp).  c == nullptr is the nil channel.
void chansend(hchan_base* c, void* elem, const std::source_location& loc);
bool chanrecv(hchan_base* c, void* elem, const std::source_location& loc);
void chanclose(hchan_base* c, const std::source_location& loc);
std::size_t chanlen(hchan_base* c) noexcept;

// Makes the calling thread a goroutine known to the runtime if it is not
// one yet.  A thread-local pointer test on the fast path.
struct G;
extern thread_local G* tls_g;
G* register_current_thread();
inline void ensure_known() {
  if (tls_g == nullptr) [[unlikely]] register_current_thread();
}

// One case of a select, type-erased.
enum class case_kind : std::uint8_t { recv, send, default_ };
struct scase {
  hchan_base* c = nullptr;
  void* elem = nullptr;
  case_kind kind = case_kind::recv;
  std::source_location loc;
};
struct select_result {
  std::size_t index;
  bool recv_ok;
};
// Go's selectgo.  order must have room for 2*n entries, sudogs for n.
select_result selectgo(scase* cases, std::size_t n, std::uint32_t* order, sudog* sudogs,
                       const std::source_location& loc);
// select {} : blocks forever (counts for deadlock detection).
[[noreturn]] void block_forever_select(const std::source_location& loc);

}  // namespace chan::detail
