#pragma once
// go(f, args...): starts a goroutine (one OS thread) known to the runtime.
#include <functional>
#include <memory>
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
void spawn(std::unique_ptr<task> t);

}  // namespace detail

template <class F, class... Args>
  requires std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>
void go(F&& f, Args&&... args) {
  detail::spawn(std::make_unique<detail::bound_task<std::decay_t<F>, std::decay_t<Args>...>>(
      std::forward<F>(f), std::forward<Args>(args)...));
}

}  // namespace chan
