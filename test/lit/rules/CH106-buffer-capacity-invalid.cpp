// CH106 buffer-capacity-invalid, against Boost.Fiber's own header: a
// buffered_channel whose constant capacity is not a power of two >= 2.
// REQUIRES: boost-fiber
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <boost/fiber/buffered_channel.hpp>

#include <cstddef>
#include <memory>

using boost::fibers::buffered_channel;

void three() {
  // CHECK: CH106-buffer-capacity-invalid.cpp:[[@LINE+1]]:25: error: channel 'jobs' is constructed with capacity 3, which is not a power of two >= 2: the constructor throws boost::fibers::fiber_error ("boost fiber: buffer capacity is invalid"); a capacity of 4 buffers 3 values [CH106 buffer-capacity-invalid]
  buffered_channel<int> jobs{3};
}

void one() {
  // CHECK: :[[@LINE+1]]:25: error: channel 'ch' is constructed with capacity 1, which is not a power of two >= 2: {{.*}}; a capacity of 2 buffers 1 value [CH106
  buffered_channel<int> ch(1);
}

constexpr std::size_t kQueueDepth = 100;
void shared_queue() {
  // CHECK: :[[@LINE+1]]:16: error: channel 'std::make_shared<buffered_channel<int>>(kQueueDepth)' is constructed with capacity 100, {{.*}} a capacity of 128 buffers 127 values
  auto queue = std::make_shared<buffered_channel<int>>(kQueueDepth);
  queue->push(1);
}

// Powers of two >= 2, and capacities not known here, are not reported.
void valid() {
  buffered_channel<int> two{2}, big{1024};
}
void from_caller(std::size_t n) { buffered_channel<int> ch{n}; }
