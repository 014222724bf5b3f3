// A translation unit that does not compile has a partial AST: channel-*
// checks report nothing for it (as chcheck does), clang-tidy reports the
// compiler's error and fails.
// RUN: %expect_exit 1 %clang_tidy -load %tidy_module --checks='-*,channel-*' %s -- -std=c++20 \
// RUN:   -I%runtime_include 2>&1 | FileCheck %s --implicit-check-not='warning:'
#include <chan/chan.hpp>

void send_after_close() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
}

int broken = missing_function();
// CHECK: compile-error.cpp:[[@LINE-1]]:14: error: use of undeclared identifier 'missing_function' [clang-diagnostic-error]
// CHECK: Found compiler error(s).
