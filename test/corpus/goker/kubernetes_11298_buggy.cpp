// corpus: goker/kubernetes_11298 buggy
// origin: GoBench GoKer kubernetes#11298 (blocking: communication deadlock, channel & condition variable)
// mechanism: on abort the service loop signals the condition variable and waits for its waiter goroutine to finish, but a signal sent before that goroutine reaches cond.wait() is lost, so the waiter sleeps forever and the service loop's receive never returns.
// run: leak
//
// Two delays force the interleaving: the signalling goroutine starts only
// after done is closed (so it never signals), and the waiter reaches
// cond.wait() only after the service loop has sent its abort signal.  The
// waiter then blocks in a condition variable, which the runtime cannot see,
// so instead of a deadlock report the test gives up after a second (the
// kernel's test would hang) and the exit-time leak check reports the service
// loop blocked in its receive.
#include <chan/chan.hpp>

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

  void service_loop(const std::shared_ptr<Notifier>& self, const Signal& abort) {
    lock.lock();
    while (!is_closed(abort)) {
      auto waited = after_call([self] {
        std::this_thread::sleep_for(300ms);  // forces: the waiter is late
        self->cond.wait(self->lock);
      });
      bool aborted = false;
      chan::select(chan::on_recv(abort, [&](chan::Unit, bool) { aborted = true; }),
                   chan::on_recv(waited, [](chan::Unit, bool) {}));
      if (aborted) {
        cond.notify_one();
        waited.recv();  // expect: CH202
        break;
      }
    }
    lock.unlock();
  }
};

void notify(const Signal& abort) {
  auto n = std::make_shared<Notifier>();
  Signal finished = after_call([n, abort] {
    std::this_thread::sleep_for(100ms);  // forces: the signaller starts after abort
    until(
        [&] {
          while (!is_closed(abort)) {
            n->lock.lock();
            n->cond.notify_one();
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
  chan::select(chan::on_recv(notify_done, [](chan::Unit, bool) {}),
               chan::on_recv(chan::after(1s), [](auto, bool) {}));
}
