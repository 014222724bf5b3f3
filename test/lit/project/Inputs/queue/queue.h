// A job queue split over three files: shutdown.cpp closes its channel,
// queue.cpp sends on it, main.cpp (and fixed.cpp) call both.
#pragma once
#include <chan/chan.hpp>

struct Queue {
  chan::Chan<int> jobs = chan::make<int>(8);
  bool stopped = false;
};

void shutdown(Queue &q);
void submit(Queue &q, int job);
void submitUnlessStopped(Queue &q, int job);
void stop(Queue &q);
