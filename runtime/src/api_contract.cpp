// Compile-time checks of the API contract: what each handle kind can and
// cannot do.  Built with the library, so breaking the contract breaks the
// build.  (A forbidden operation is checked with requires-expressions.)
#include <chan/chan.hpp>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <type_traits>

namespace {

template <class C> concept can_send = requires(C c, typename C::value_type v) { c.send(std::move(v)); };
template <class C> concept can_recv = requires(C c) { c.recv(); c.recv_ok(); };
template <class C> concept can_close = requires(C c) { c.close(); };
template <class C> concept can_range = requires(C c) { c.begin(); c.end(); };

using chan::Chan;
using chan::RecvChan;
using chan::SendChan;

static_assert(can_send<Chan<int>> && can_recv<Chan<int>> && can_close<Chan<int>> && can_range<Chan<int>>);
static_assert(can_send<SendChan<int>> && can_close<SendChan<int>>);
static_assert(!can_recv<SendChan<int>> && !can_range<SendChan<int>>);
static_assert(can_recv<RecvChan<int>> && can_range<RecvChan<int>>);
static_assert(!can_send<RecvChan<int>> && !can_close<RecvChan<int>>);

// Views convert implicitly from Chan, never back, never into each other.
static_assert(std::is_convertible_v<Chan<int>, SendChan<int>>);
static_assert(std::is_convertible_v<Chan<int>, RecvChan<int>>);
static_assert(!std::is_convertible_v<SendChan<int>, Chan<int>>);
static_assert(!std::is_convertible_v<RecvChan<int>, Chan<int>>);
static_assert(!std::is_convertible_v<SendChan<int>, RecvChan<int>>);
static_assert(!std::is_convertible_v<RecvChan<int>, SendChan<int>>);
static_assert(!std::is_convertible_v<Chan<int>, bool>);  // explicit operator bool
static_assert(std::is_constructible_v<bool, Chan<int>>);

// Move-only elements.
static_assert(can_send<Chan<std::unique_ptr<int>>> && can_recv<Chan<std::unique_ptr<int>>>);
static_assert(std::is_same_v<decltype(std::declval<Chan<int>>().recv_ok()), std::pair<int, bool>>);

// Sync types satisfy the standard lock concepts.
static_assert(requires(chan::Mutex m) { std::lock_guard{m}; std::unique_lock{m}; std::scoped_lock{m}; });
static_assert(requires(chan::RWMutex m) { std::shared_lock{m}; std::unique_lock{m}; });

// Cond takes Go's three lockers, by reference, and is not copyable (Go's noCopy).
static_assert(std::is_constructible_v<chan::Cond, chan::Mutex&>);
static_assert(std::is_constructible_v<chan::Cond, chan::RWMutex&>);
static_assert(std::is_constructible_v<chan::Cond, chan::RLocker>);
static_assert(!std::is_convertible_v<chan::Mutex&, chan::Cond>);  // explicit, as sync.NewCond
static_assert(!std::is_copy_constructible_v<chan::Cond> && !std::is_copy_assignable_v<chan::Cond>);
static_assert(std::is_same_v<decltype(std::declval<chan::RWMutex&>().rlocker()), chan::RLocker>);
static_assert(requires(chan::RLocker l) { std::lock_guard{l}; std::unique_lock{l}; });

// select accepts Chan and the matching direction views.
[[maybe_unused]] void select_compiles(Chan<int> c, SendChan<int> s, RecvChan<std::string> r) {
  chan::select(chan::on_recv(c, [](int, bool) {}), chan::on_send(s, 1, [] {}),
               chan::on_recv(r, [](std::string) {}), chan::on_default([] {}));
}

// go() converts arguments like std::thread: Chan<T> binds to SendChan<T>.
[[maybe_unused]] void go_compiles(Chan<int> c) {
  chan::go([](SendChan<int> out, int v) { out.send(v); }, c, 1);
  chan::go([](std::unique_ptr<int> p) { (void)p; }, std::make_unique<int>(1));
}

}  // namespace
