// corpus: goker/kubernetes_11298 fixed
// origin: GoBench GoKer kubernetes#11298 (blocking: communication deadlock, channel & condition variable)
// mechanism: a signal is recorded in a flag that the waiter checks before it waits (the predicate loop a condition variable needs), so the abort signal sent before the waiter reaches cond.wait() is not lost.
// run: exit0
//
// Same schedule as the buggy program: the waiter is late.
#include <chan/chan.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <thread>

namespace {

using namespace std::chrono_literals;
using Signal = chan::RecvChan<chan::Unit>;

// The kernel's After(): runs f in a goroutine; the channel closes when f returns.
Signal after_call(std::function<void()> f) {
  auto ch = chan::make<chan::Unit>();
  chan::go([ch, f] {
    if (f) f();
    ch.close();
  });
  return ch;
}

bool is_closed(const Signal& ch) {
  bool closed = false;
  chan::select(chan::on_recv(ch, [&](chan::Unit, bool) { closed = true; }), chan::on_default([] {}));
  return closed;
}

// The kernel's Until(f, period, stopCh).
void until(const std::function<void()>& f, std::chrono::nanoseconds period, const Signal& stop_ch) {
  while (!is_closed(stop_ch)) {
    f();
    chan::select(chan::on_recv(stop_ch, [](chan::Unit, bool) {}),
                 chan::on_recv(chan::after(period), [](auto, bool) {}));
  }
}

struct Notifier {
  chan::Mutex lock;
  std::condition_variable_any cond;  // waits on lock
  std::atomic<bool> signalled{false};  // set before every notify

  void signal() {
    signalled = true;
    cond.notify_one();
  }

  void service_loop(const std::shared_ptr<Notifier>& self, const Signal& abort) {
    lock.lock();
    while (!is_closed(abort)) {
      auto waited = after_call([self] {
        std::this_thread::sleep_for(300ms);
        self->cond.wait(self->lock, [&] { return self->signalled.load(); });
        self->signalled = false;
      });
      bool aborted = false;
      chan::select(chan::on_recv(abort, [&](chan::Unit, bool) { aborted = true; }),
                   chan::on_recv(waited, [](chan::Unit, bool) {}));
      if (aborted) {
        signal();
        waited.recv();
        break;
      }
    }
    lock.unlock();
  }
};

void notify(const Signal& abort) {
  auto n = std::make_shared<Notifier>();
  Signal finished = after_call([n, abort] {
    std::this_thread::sleep_for(100ms);  // same schedule as the buggy program
    until(
        [&] {
          while (!is_closed(abort)) {
            n->lock.lock();
            n->signal();
            n->lock.unlock();
          }
        },
        0ns, abort);
  });
  until([&] { n->service_loop(n, finished); }, 0ns, abort);
}

}  // namespace

int main() {
  auto done = chan::make<chan::Unit>();
  Signal notify_done = after_call([done] { notify(done); });
  chan::go([done] {
    std::this_thread::sleep_for(50ms);
    done.close();
  });
  notify_done.recv();
}
