// REQUIRES: boost-fiber
// RUN: %check_clang_tidy %s channel-buffer-capacity-invalid %t
#include <boost/fiber/buffered_channel.hpp>

void three_slots() {
  boost::fibers::buffered_channel<int> slots{3};
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: channel 'slots' is constructed with capacity 3, which is not a power of two >= 2: the constructor throws boost::fibers::fiber_error ("boost fiber: buffer capacity is invalid"); a capacity of 4 buffers 3 values [channel-buffer-capacity-invalid]
}

void four_slots() {
  boost::fibers::buffered_channel<int> slots{4};
}
