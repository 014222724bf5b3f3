#include "queue.h"

void submit(Queue &q, int job) {
  q.jobs.send(job);
}

void submitUnlessStopped(Queue &q, int job) {
  if (!q.stopped)
    q.jobs.send(job);
}
