// Does not compile: the other units are still analysed and summarised.
#include "queue.h"

void broken(Queue &q) {
  q.undeclared_member.close();
}
