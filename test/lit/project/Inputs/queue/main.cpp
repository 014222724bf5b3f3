#include "queue.h"

int main() {
  Queue q;
  shutdown(q);
  submit(q, 1);
}
