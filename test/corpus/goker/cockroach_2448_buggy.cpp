// corpus: goker/cockroach_2448 buggy
// origin: GoBench GoKer cockroach#2448 (blocking: communication deadlock, channel)
// mechanism: the store runs a membership-change callback that sends to the MultiRaft loop's callback channel, while the MultiRaft loop is blocked sending the next event to the store, so each waits for the other to receive.
// run: deadlock
//
// Applying the membership change takes time (the sleep in the callback), and
// the second write response arrives meanwhile: this forces the interleaving in
// which the MultiRaft loop is already inside send_event when the callback
// tries to hand its work back.
//
// The wait cycle has two blocked sends, each waiting for the other goroutine
// to receive.  Its finding is expected at send_event's select, the
// operation the upstream fix changed (the loop queues events and offers them
// in its main select instead of blocking on them); the callback's send is the
// cycle's other edge, shown in the finding's notes.
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <thread>

using namespace std::chrono_literals;

// Committed entries, as delivered by write responses.
constexpr int kMembershipChange = 1;
constexpr int kOtherCommand = 2;

struct Event {
  std::function<void()> callback;  // set for a committed membership change
};

struct MultiRaft {
  chan::Chan<chan::Unit> stopper = chan::make<chan::Unit>();
  chan::Chan<Event> events = chan::make<Event>();
  chan::Chan<std::function<void()>> callback_chan = chan::make<std::function<void()>>();
  chan::Chan<int> write_responses = chan::make<int>();
  chan::Chan<chan::Unit> applied = chan::make<chan::Unit>();

  void send_event(Event e) {
    chan::select(chan::on_send(events, std::move(e), [] {}), chan::on_recv(stopper, [] {}));  // expect: CH203
  }

  void process_committed_entry(int entry) {
    if (entry != kMembershipChange) {
      send_event(Event{});
      return;
    }
    send_event(Event{[this] {
      std::this_thread::sleep_for(100ms);  // applies the change to the range
      // Hands the rest of the work back to the MultiRaft loop.
      chan::select(chan::on_send(callback_chan, [this] { applied.close(); }, [] {}),
                   chan::on_recv(stopper, [] {}));
    }});
  }

  // The MultiRaft loop.
  void start() {
    for (;;) {
      bool stopping = false;
      chan::select(chan::on_recv(stopper, [&] { stopping = true; }),
                   chan::on_recv(callback_chan, [](std::function<void()> cb) { cb(); }),
                   chan::on_recv(write_responses, [&](int entry) { process_committed_entry(entry); }));
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
  chan::go([&] { store.process_raft(); });
  chan::go([&] { multiraft.start(); });
  multiraft.write_responses.send(kMembershipChange);
  multiraft.write_responses.send(kOtherCommand);
  multiraft.applied.recv();           // waits for the membership change to be applied
  multiraft.stopper.close();
  return 0;
}
