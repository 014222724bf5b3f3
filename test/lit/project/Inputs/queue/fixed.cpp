#include "queue.h"

void fixedOrder() {
  Queue q;
  submit(q, 1);
  shutdown(q);
}

// stop() sets the flag submitUnlessStopped() tests: no send after it.
void guarded() {
  Queue q;
  stop(q);
  submitUnlessStopped(q, 2);
}
