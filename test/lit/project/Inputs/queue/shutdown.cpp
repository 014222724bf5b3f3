#include "queue.h"

void shutdown(Queue &q) {
  q.jobs.close();
}

void stop(Queue &q) {
  q.stopped = true;
  q.jobs.close();
}
