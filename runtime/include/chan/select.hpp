#pragma once
// select(cases...): Go's select statement.
//
//   chan::select(chan::on_recv(ch, [](int v, bool ok) { ... }),
//                chan::on_send(out, 42, [] { ... }),
//                chan::on_default([] { ... }));
//
// Go's rules: a uniformly random choice among the ready cases; a case on a
// nil channel is never ready; with no ready case and no default, it blocks.
// Returns the argument index of the case taken.
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <source_location>
#include <type_traits>
#include <utility>

#include "chan/channel.hpp"

namespace chan {
namespace detail {

template <class T, class F>
struct recv_case {
  hchan_base* c;
  F fn;
  std::source_location loc;
  T value{};

  scase erase() { return {c, &value, case_kind::recv, loc}; }
  void run(bool ok) {
    // The handler may take (T, bool), (T) or nothing.
    if constexpr (std::is_invocable_v<F&, T&&, bool>) std::invoke(fn, std::move(value), ok);
    else if constexpr (std::is_invocable_v<F&, T&&>) std::invoke(fn, std::move(value));
    else std::invoke(fn);
  }
};

template <class T, class F>
struct send_case {
  hchan_base* c;
  T value;
  F fn;
  std::source_location loc;

  scase erase() { return {c, &value, case_kind::send, loc}; }
  void run(bool) { std::invoke(fn); }
};

template <class F>
struct default_case {
  F fn;
  std::source_location loc;

  scase erase() { return {nullptr, nullptr, case_kind::default_, loc}; }
  void run(bool) { std::invoke(fn); }
};

template <class C> struct is_select_case : std::false_type {};
template <class T, class F> struct is_select_case<recv_case<T, F>> : std::true_type {};
template <class T, class F> struct is_select_case<send_case<T, F>> : std::true_type {};
template <class F> struct is_select_case<default_case<F>> : std::true_type {};

template <class T, class F>
concept recv_handler = std::is_invocable_v<F&, T&&, bool> || std::is_invocable_v<F&, T&&> ||
                       std::is_invocable_v<F&>;

}  // namespace detail

// case v, ok := <-ch: fn(v, ok) (or fn(v), or fn()).
template <class T, class F>
  requires detail::recv_handler<T, std::decay_t<F>>
detail::recv_case<T, std::decay_t<F>> on_recv(const Chan<T>& ch, F&& fn,
                                              std::source_location loc = std::source_location::current()) {
  return {ch.raw(), std::forward<F>(fn), loc};
}
template <class T, class F>
  requires detail::recv_handler<T, std::decay_t<F>>
detail::recv_case<T, std::decay_t<F>> on_recv(const RecvChan<T>& ch, F&& fn,
                                              std::source_location loc = std::source_location::current()) {
  return {ch.raw(), std::forward<F>(fn), loc};
}

// case ch <- value: fn().
template <class T, class V, class F>
  requires std::convertible_to<V, T> && std::invocable<std::decay_t<F>&>
detail::send_case<T, std::decay_t<F>> on_send(const Chan<T>& ch, V&& value, F&& fn,
                                              std::source_location loc = std::source_location::current()) {
  return {ch.raw(), T(std::forward<V>(value)), std::forward<F>(fn), loc};
}
template <class T, class V, class F>
  requires std::convertible_to<V, T> && std::invocable<std::decay_t<F>&>
detail::send_case<T, std::decay_t<F>> on_send(const SendChan<T>& ch, V&& value, F&& fn,
                                              std::source_location loc = std::source_location::current()) {
  return {ch.raw(), T(std::forward<V>(value)), std::forward<F>(fn), loc};
}

// default: fn().
template <class F>
  requires std::invocable<std::decay_t<F>&>
detail::default_case<std::decay_t<F>> on_default(F&& fn,
                                                 std::source_location loc = std::source_location::current()) {
  return {std::forward<F>(fn), loc};
}

// select {}: blocks forever.
[[noreturn]] inline void select(std::source_location loc = std::source_location::current()) {
  detail::block_forever_select(loc);
}

template <class... Cases>
  requires(sizeof...(Cases) > 0 && (detail::is_select_case<std::remove_cvref_t<Cases>>::value && ...))
std::size_t select(Cases&&... cases) {
  constexpr std::size_t n = sizeof...(Cases);
  static_assert((0 + ... + (std::is_same_v<std::remove_cvref_t<Cases>,
                                           detail::default_case<decltype(std::declval<Cases>().fn)>>
                                ? 1
                                : 0)) <= 1,
                "select: at most one on_default case");
  std::array<detail::scase, n> erased{cases.erase()...};
  std::array<std::uint32_t, 2 * n> order;
  std::array<detail::sudog, n> sudogs;
  const detail::select_result r =
      detail::selectgo(erased.data(), n, order.data(), sudogs.data(), erased[0].loc);
  std::size_t i = 0;
  ((i++ == r.index ? (cases.run(r.recv_ok), 0) : 0), ...);
  return r.index;
}

}  // namespace chan
