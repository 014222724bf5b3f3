// A send after a close only when MAKE_BUG is defined and HIDE_BUG is not:
// tests of --extra-arg, --extra-arg-before and --remove-arg.
#include <chan/chan.hpp>

int main() {
  auto ch = chan::make<int>(1);
#if defined(MAKE_BUG) && !defined(HIDE_BUG)
  ch.close();
#endif
  ch.send(1);
}
