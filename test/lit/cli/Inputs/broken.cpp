// Does not compile: chcheck must say which file and why, and skip it.
#include <chan/chan.hpp>

int main() {
  undeclared_thing x;
}
