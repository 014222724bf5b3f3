// corpus: goker/cockroach_2448 fixed
// origin: GoBench GoKer cockroach#2448 (blocking: communication deadlock, channel)
// mechanism: the MultiRaft loop queues events and offers the oldest one in its main select (a nil channel disables that case while the queue is empty), so it keeps receiving callbacks while the store is busy.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <thread>

using namespace std::chrono_literals;

// Committed entries, as delivered by write responses.
constexpr int kMembershipChange = 1;
constexpr int kOtherCommand = 2;

struct Event {
  std::function<void()> callback;
};

struct MultiRaft {
  chan::Chan<chan::Unit> stopper = chan::make<chan::Unit>();
  chan::Chan<Event> events = chan::make<Event>();
  chan::Chan<std::function<void()>> callback_chan = chan::make<std::function<void()>>();
  chan::Chan<int> write_responses = chan::make<int>();
  chan::Chan<chan::Unit> applied = chan::make<chan::Unit>();
  std::deque<Event> pending_events;  // owned by the MultiRaft loop

  void send_event(Event e) { pending_events.push_back(std::move(e)); }

  void process_committed_entry(int entry) {
    if (entry != kMembershipChange) {
      send_event(Event{});
      return;
    }
    send_event(Event{[this] {
      std::this_thread::sleep_for(100ms);
      chan::select(chan::on_send(callback_chan, [this] { applied.close(); }, [] {}),
                   chan::on_recv(stopper, [] {}));
    }});
  }

  void start() {
    for (;;) {
      chan::Chan<Event> out;  // nil: nothing to deliver
      Event next;
      if (!pending_events.empty()) {
        out = events;
        next = pending_events.front();
      }
      bool stopping = false;
      chan::select(chan::on_recv(stopper, [&] { stopping = true; }),
                   chan::on_recv(callback_chan, [](std::function<void()> cb) { cb(); }),
                   chan::on_recv(write_responses, [&](int entry) { process_committed_entry(entry); }),
                   chan::on_send(out, std::move(next), [&] { pending_events.pop_front(); }));
      if (stopping) return;
    }
  }
};

struct Store {
  MultiRaft* multiraft;

  void process_raft() {
    for (;;) {
      bool stopping = false;
      chan::select(chan::on_recv(multiraft->events,
                                 [](Event e) {
                                   if (e.callback) e.callback();
                                 }),
                   chan::on_recv(multiraft->stopper, [&] { stopping = true; }));
      if (stopping) return;
    }
  }
};

int main() {
  MultiRaft multiraft;
  Store store{&multiraft};
  chan::WaitGroup loops;
  loops.add(2);
  chan::go([&] {
    store.process_raft();
    loops.done();
  });
  chan::go([&] {
    multiraft.start();
    loops.done();
  });
  multiraft.write_responses.send(kMembershipChange);
  multiraft.write_responses.send(kOtherCommand);
  multiraft.applied.recv();
  multiraft.stopper.close();
  loops.wait();
  return 0;
}
