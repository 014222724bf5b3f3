#include "queue.h"

void run() { drain_twice(); }
