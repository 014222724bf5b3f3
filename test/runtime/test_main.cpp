// Shared main of the runtime test suites.
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  // Goroutines are OS threads: a death test must re-execute the binary
  // rather than fork a process whose other threads vanish mid-operation.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
