// corpus: seeds/003_4 buggy
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), section 2.4, chansend panic conditions: "buffer full and buffered -> panic"
// mechanism: a send into a full buffer that nobody drains blocks forever.
// run: deadlock
//
// The article lists "c.qcount == c.dataqsiz && c.dataqsiz > 0" as a condition
// for throw("send on closed channel"). A full buffer never makes a send panic
// in Go: the sender parks until a receiver frees a slot. Here none will.
#include <chan/chan.hpp>

#include <cstdio>

int main() {
  auto jobs = chan::make<int>(1);
  jobs.send(1);
  std::puts("queueing a second job");
  jobs.send(2);  // expect: CH201
  return 0;
}
