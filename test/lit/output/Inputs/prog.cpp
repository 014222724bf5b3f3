#include <chan/chan.hpp>

int main() {
  auto ch = chan::make<int>(1);
  ch.close();
	ch.send(1);
}
