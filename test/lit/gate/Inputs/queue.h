#pragma once
#include <chan/chan.hpp>

inline void drain_twice() {
  auto q = chan::make<int>(1);
  q.close();
  q.close();
}
