#pragma once
// Chan<T>, its direction views SendChan<T> / RecvChan<T>, and make<T>(n):
// Go's channels with Go's semantics (see docs/runtime.md).
#include <concepts>
#include <cstddef>
#include <iterator>
#include <memory>
#include <source_location>
#include <string_view>
#include <type_traits>
#include <utility>

#include "chan/detail/core.hpp"
#include "chan/errors.hpp"

namespace chan {

template <class T>
concept channel_element = std::default_initializable<T> && std::movable<T>;

template <channel_element T> class Chan;
template <channel_element T> class SendChan;
template <channel_element T> class RecvChan;

namespace detail {

// Shared state of every handle kind: a reference to the channel, or null.
template <class T>
class chan_handle {
 public:
  chan_handle() noexcept = default;
  explicit chan_handle(std::shared_ptr<hchan<T>> c) noexcept : c_(std::move(c)) {}
  chan_handle(const chan_handle&) = default;
  chan_handle& operator=(const chan_handle&) = default;
  // A moved-from handle is the nil channel (shared_ptr's move guarantees it).
  chan_handle(chan_handle&&) noexcept = default;
  chan_handle& operator=(chan_handle&&) noexcept = default;

  hchan_base* raw() const noexcept { return c_.get(); }
  const std::shared_ptr<hchan<T>>& shared() const noexcept { return c_; }

 protected:
  void do_send(T&& value, const std::source_location& loc) const {
    chansend(c_.get(), &value, loc);
  }
  std::pair<T, bool> do_recv_ok(const std::source_location& loc) const {
    std::pair<T, bool> out{};
    out.second = chanrecv(c_.get(), &out.first, loc);
    return out;
  }
  T do_recv(const std::source_location& loc) const {
    T value{};
    chanrecv(c_.get(), &value, loc);
    return value;
  }
  std::size_t do_len() const noexcept { return chanlen(c_.get()); }
  std::size_t do_cap() const noexcept { return c_ ? c_->dataqsiz : 0; }
  std::string_view do_name() const noexcept { return c_ ? std::string_view(c_->name) : std::string_view{}; }

  std::shared_ptr<hchan<T>> c_;
};

// Input iterator for `for (T v : ch)`: receives until closed and drained.
template <class T>
class range_iterator {
 public:
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  // Copyable T: an lvalue, so `for (auto& v : ch)` works too.  Move-only T:
  // an rvalue, so the contract's `for (T v : ch)` moves each value out.
  using reference = std::conditional_t<std::copy_constructible<T>, T&, T&&>;
  using iterator_category = std::input_iterator_tag;

  range_iterator() = default;
  range_iterator(hchan_base* c, const std::source_location& loc) : c_(c), loc_(loc) { advance(); }

  reference operator*() noexcept { return static_cast<reference>(value_); }
  range_iterator& operator++() {
    advance();
    return *this;
  }
  void operator++(int) { advance(); }
  friend bool operator==(const range_iterator& it, std::default_sentinel_t) noexcept {
    return it.done_;
  }

 private:
  void advance() {
    value_ = T{};
    done_ = !chanrecv(c_, &value_, loc_);
  }
  hchan_base* c_ = nullptr;
  std::source_location loc_;
  T value_{};
  bool done_ = true;
};

}  // namespace detail

// A bidirectional channel handle.  Copies alias one channel; the default
// constructed and the moved-from handle are the nil channel.
template <channel_element T>
class Chan : public detail::chan_handle<T> {
  using base = detail::chan_handle<T>;

 public:
  using value_type = T;
  Chan() noexcept = default;

  void send(T value, std::source_location loc = std::source_location::current()) const {
    this->do_send(std::move(value), loc);
  }
  T recv(std::source_location loc = std::source_location::current()) const {
    return this->do_recv(loc);
  }
  std::pair<T, bool> recv_ok(std::source_location loc = std::source_location::current()) const {
    return this->do_recv_ok(loc);
  }
  void close(std::source_location loc = std::source_location::current()) const {
    detail::chanclose(this->raw(), loc);
  }
  std::size_t len() const noexcept { return this->do_len(); }
  std::size_t cap() const noexcept { return this->do_cap(); }
  // The name given to make(); empty if none (and for the nil channel).
  std::string_view name() const noexcept { return this->do_name(); }
  explicit operator bool() const noexcept { return this->raw() != nullptr; }
  friend bool operator==(const Chan& a, const Chan& b) noexcept { return a.raw() == b.raw(); }

  detail::range_iterator<T> begin(std::source_location loc = std::source_location::current()) const {
    return {this->raw(), loc};
  }
  std::default_sentinel_t end() const noexcept { return {}; }

  // Used by make<T>(); not part of the API.
  explicit Chan(std::shared_ptr<detail::hchan<T>> c) noexcept : base(std::move(c)) {}
};

// Send-only view (Go's chan<- T).  Receiving does not compile.
template <channel_element T>
class SendChan : public detail::chan_handle<T> {
 public:
  using value_type = T;
  SendChan() noexcept = default;
  SendChan(const Chan<T>& c) noexcept : detail::chan_handle<T>(c.shared()) {}  // NOLINT: implicit like Go
  SendChan(Chan<T>&& c) noexcept : detail::chan_handle<T>(std::move(c)) {}    // NOLINT

  void send(T value, std::source_location loc = std::source_location::current()) const {
    this->do_send(std::move(value), loc);
  }
  void close(std::source_location loc = std::source_location::current()) const {
    detail::chanclose(this->raw(), loc);
  }
  std::size_t len() const noexcept { return this->do_len(); }
  std::size_t cap() const noexcept { return this->do_cap(); }
  // The name given to make(); empty if none (and for the nil channel).
  std::string_view name() const noexcept { return this->do_name(); }
  explicit operator bool() const noexcept { return this->raw() != nullptr; }
  friend bool operator==(const SendChan& a, const SendChan& b) noexcept { return a.raw() == b.raw(); }
};

// Receive-only view (Go's <-chan T).  Sending and closing do not compile.
template <channel_element T>
class RecvChan : public detail::chan_handle<T> {
 public:
  using value_type = T;
  RecvChan() noexcept = default;
  RecvChan(const Chan<T>& c) noexcept : detail::chan_handle<T>(c.shared()) {}  // NOLINT: implicit like Go
  RecvChan(Chan<T>&& c) noexcept : detail::chan_handle<T>(std::move(c)) {}    // NOLINT

  T recv(std::source_location loc = std::source_location::current()) const {
    return this->do_recv(loc);
  }
  std::pair<T, bool> recv_ok(std::source_location loc = std::source_location::current()) const {
    return this->do_recv_ok(loc);
  }
  std::size_t len() const noexcept { return this->do_len(); }
  std::size_t cap() const noexcept { return this->do_cap(); }
  // The name given to make(); empty if none (and for the nil channel).
  std::string_view name() const noexcept { return this->do_name(); }
  explicit operator bool() const noexcept { return this->raw() != nullptr; }
  friend bool operator==(const RecvChan& a, const RecvChan& b) noexcept { return a.raw() == b.raw(); }

  detail::range_iterator<T> begin(std::source_location loc = std::source_location::current()) const {
    return {this->raw(), loc};
  }
  std::default_sentinel_t end() const noexcept { return {}; }
};

// Go's make(chan T, capacity).  A name ("orders") appears in panics,
// deadlock and leak reports, goroutine dumps and snapshots.
template <channel_element T>
Chan<T> make(std::size_t capacity = 0, std::string_view name = {}) {
  detail::ensure_known();
  return Chan<T>(std::make_shared<detail::hchan<T>>(capacity, name));
}

}  // namespace chan
