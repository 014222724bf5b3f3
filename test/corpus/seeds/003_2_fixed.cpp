// corpus: seeds/003_2 fixed
// origin: seed article 003 (shared/seeds/003_ed16364c9e710bac.txt), section 2.2, chansend state machine: "ch == nil && block == true -> panic"
// mechanism: the channel is made (with room for the report) before it is used.
// run: exit0
#include <chan/chan.hpp>

#include <cstdio>

struct Reporter {
  chan::Chan<int> out = chan::make<int>(1);
};

int main() {
  Reporter reporter;
  std::puts("reporting");
  reporter.out.send(1);
  return reporter.out.recv() == 1 ? 0 : 1;
}
