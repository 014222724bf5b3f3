// Two workers wait on each other's channel, and main waits for both: every
// goroutine is blocked, so the runtime reports Go's "all goroutines are
// asleep - deadlock!" with each goroutine's operation, channel and line.
// Ends with status 2.
#include <chan/chan.hpp>

int main() {
  chan::Chan<int> requests = chan::make<int>();
  chan::Chan<int> replies = chan::make<int>();
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([&] {
    requests.send(1);  // nobody receives: the server waits for a reply first
    replies.recv();
    wg.done();
  });
  chan::go([&] {
    replies.recv();    // bug: should receive the request before replying
    requests.recv();
    wg.done();
  });
  wg.wait();
}
