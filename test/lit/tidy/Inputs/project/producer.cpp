#include <chan/chan.hpp>

#include <vector>

// Closes the queue before the last job is sent.
void publish(chan::Chan<int> queue, const std::vector<int> &jobs) {
  queue.close();
  for (int job : jobs)
    queue.send(job);
}
