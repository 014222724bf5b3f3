#pragma once
// go(f, args...) and go_named(name, f, args...): start a goroutine (one OS
// thread) known to the runtime.  The call's source line is recorded as the
// goroutine's creation site for panics, deadlock and leak reports and dumps;
// the name, if any, appears there and as the OS thread's name.
#include <functional>
#include <memory>
#include <source_location>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace chan {
namespace detail {

struct task {
  virtual ~task() = default;
  virtual void run() = 0;
};

template <class F, class... Args>
struct bound_task final : task {
  template <class FF, class... AA>
  explicit bound_task(FF&& f, AA&&... a)
      : fn(std::forward<FF>(f)), args(std::forward<AA>(a)...) {}
  void run() override {
    // As std::thread: the decayed copies are passed as rvalues, so a
    // Chan<T> argument converts to a SendChan<T>/RecvChan<T> parameter.
    std::apply([this](auto&... a) { std::invoke(std::move(fn), std::move(a)...); }, args);
  }
  F fn;
  std::tuple<Args...> args;
};

// Starts a thread running t; the caller counts the new goroutine as running
// before the thread exists, so the deadlock detector never misses it.
void spawn(std::unique_ptr<task> t, std::string_view name, const std::source_location& where);

template <class F, class... Args>
concept goroutine_function = std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>;

template <class F, class... Args>
void start(std::string_view name, const std::source_location& where, F&& f, Args&&... args) {
  spawn(std::make_unique<bound_task<std::decay_t<F>, std::decay_t<Args>...>>(std::forward<F>(f),
                                                                             std::forward<Args>(args)...),
        name, where);
}

}  // namespace detail

// go(f, args...) runs f(args...) in a new goroutine; f and the arguments are
// copied (decayed) like std::thread's.  C++ cannot put a defaulted
// std::source_location after a parameter pack, so there is one overload per
// argument count (up to 6); a call with more arguments can bind them in a
// lambda.
template <class F>
  requires detail::goroutine_function<F>
void go(F&& f, std::source_location where = std::source_location::current()) {
  detail::start({}, where, std::forward<F>(f));
}
template <class F, class A1>
  requires detail::goroutine_function<F, A1>
void go(F&& f, A1&& a1, std::source_location where = std::source_location::current()) {
  detail::start({}, where, std::forward<F>(f), std::forward<A1>(a1));
}
template <class F, class A1, class A2>
  requires detail::goroutine_function<F, A1, A2>
void go(F&& f, A1&& a1, A2&& a2, std::source_location where = std::source_location::current()) {
  detail::start({}, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2));
}
template <class F, class A1, class A2, class A3>
  requires detail::goroutine_function<F, A1, A2, A3>
void go(F&& f, A1&& a1, A2&& a2, A3&& a3, std::source_location where = std::source_location::current()) {
  detail::start({}, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2), std::forward<A3>(a3));
}
template <class F, class A1, class A2, class A3, class A4>
  requires detail::goroutine_function<F, A1, A2, A3, A4>
void go(F&& f, A1&& a1, A2&& a2, A3&& a3, A4&& a4,
        std::source_location where = std::source_location::current()) {
  detail::start({}, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2), std::forward<A3>(a3),
                std::forward<A4>(a4));
}
template <class F, class A1, class A2, class A3, class A4, class A5>
  requires detail::goroutine_function<F, A1, A2, A3, A4, A5>
void go(F&& f, A1&& a1, A2&& a2, A3&& a3, A4&& a4, A5&& a5,
        std::source_location where = std::source_location::current()) {
  detail::start({}, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2), std::forward<A3>(a3),
                std::forward<A4>(a4), std::forward<A5>(a5));
}
template <class F, class A1, class A2, class A3, class A4, class A5, class A6>
  requires detail::goroutine_function<F, A1, A2, A3, A4, A5, A6>
void go(F&& f, A1&& a1, A2&& a2, A3&& a3, A4&& a4, A5&& a5, A6&& a6,
        std::source_location where = std::source_location::current()) {
  detail::start({}, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2), std::forward<A3>(a3),
                std::forward<A4>(a4), std::forward<A5>(a5), std::forward<A6>(a6));
}

// go_named("flusher", f, args...): go() with a name for reports, dumps,
// snapshots and the OS thread (`top -H`, gdb and perf show its first 15
// bytes).  Same argument rules as go().
template <class F>
  requires detail::goroutine_function<F>
void go_named(std::string_view name, F&& f, std::source_location where = std::source_location::current()) {
  detail::start(name, where, std::forward<F>(f));
}
template <class F, class A1>
  requires detail::goroutine_function<F, A1>
void go_named(std::string_view name, F&& f, A1&& a1, std::source_location where = std::source_location::current()) {
  detail::start(name, where, std::forward<F>(f), std::forward<A1>(a1));
}
template <class F, class A1, class A2>
  requires detail::goroutine_function<F, A1, A2>
void go_named(std::string_view name, F&& f, A1&& a1, A2&& a2,
              std::source_location where = std::source_location::current()) {
  detail::start(name, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2));
}
template <class F, class A1, class A2, class A3>
  requires detail::goroutine_function<F, A1, A2, A3>
void go_named(std::string_view name, F&& f, A1&& a1, A2&& a2, A3&& a3,
              std::source_location where = std::source_location::current()) {
  detail::start(name, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2), std::forward<A3>(a3));
}
template <class F, class A1, class A2, class A3, class A4>
  requires detail::goroutine_function<F, A1, A2, A3, A4>
void go_named(std::string_view name, F&& f, A1&& a1, A2&& a2, A3&& a3, A4&& a4,
              std::source_location where = std::source_location::current()) {
  detail::start(name, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2), std::forward<A3>(a3),
                std::forward<A4>(a4));
}
template <class F, class A1, class A2, class A3, class A4, class A5>
  requires detail::goroutine_function<F, A1, A2, A3, A4, A5>
void go_named(std::string_view name, F&& f, A1&& a1, A2&& a2, A3&& a3, A4&& a4, A5&& a5,
              std::source_location where = std::source_location::current()) {
  detail::start(name, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2), std::forward<A3>(a3),
                std::forward<A4>(a4), std::forward<A5>(a5));
}
template <class F, class A1, class A2, class A3, class A4, class A5, class A6>
  requires detail::goroutine_function<F, A1, A2, A3, A4, A5, A6>
void go_named(std::string_view name, F&& f, A1&& a1, A2&& a2, A3&& a3, A4&& a4, A5&& a5, A6&& a6,
              std::source_location where = std::source_location::current()) {
  detail::start(name, where, std::forward<F>(f), std::forward<A1>(a1), std::forward<A2>(a2), std::forward<A3>(a3),
                std::forward<A4>(a4), std::forward<A5>(a5), std::forward<A6>(a6));
}

}  // namespace chan
