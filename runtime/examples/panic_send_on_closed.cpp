// A producer keeps sending after the consumer side closed the channel:
// Go panics with "send on closed channel", and so does the runtime, naming
// the line of the send.  Ends with status 2.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  chan::Chan<int> jobs = chan::make<int>(1);
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    jobs.send(1);
    jobs.close();  // the "consumer" decides it is done...
    wg.done();
  });
  wg.wait();
  std::printf("received %d; now sending on the closed channel\n", jobs.recv());
  std::fflush(stdout);
  jobs.send(2);  // ...but the producer sends again: panic
  std::printf("unreachable\n");
}
