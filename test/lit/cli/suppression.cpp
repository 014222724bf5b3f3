// Inline suppressions: `// chcheck: ignore <ids or names>` on the finding's
// line or the line before, NOLINT(...) on the line, NOLINTNEXTLINE(...) on the
// line before.  Only unsuppressed sends below are reported.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not=error:
#include <chan/chan.hpp>

void ignore_same_line() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // chcheck: ignore CH101
}

void ignore_line_before_by_name() {
  auto ch = chan::make<int>(1);
  ch.close();
  // chcheck: ignore close-of-closed, send-on-closed -- the test wants this send
  ch.send(1);
}

void ignore_everything() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // chcheck: ignore
}

void ignore_other_rule() {
  auto ch = chan::make<int>(1);
  ch.close();
  // CHECK: suppression.cpp:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[CH101 send-on-closed]
  ch.send(1); // chcheck: ignore CH102
}

void ignore_two_lines_before() {
  auto ch = chan::make<int>(1);
  // chcheck: ignore CH101
  ch.close();
  // CHECK: suppression.cpp:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[CH101 send-on-closed]
  ch.send(1);
}

void nolint_bare() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // NOLINT
}

void nolint_check_name() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // NOLINT(channel-send-on-closed)
}

void nolint_glob() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // NOLINT(bugprone-*, channel-*)
}

void nolint_other_checks() {
  auto ch = chan::make<int>(1);
  ch.close();
  // CHECK: suppression.cpp:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[CH101 send-on-closed]
  ch.send(1); // NOLINT(bugprone-*, channel-close-of-closed)
}

void nolint_next_line() {
  auto ch = chan::make<int>(1);
  ch.close();
  // NOLINTNEXTLINE(channel-send-on-closed)
  ch.send(1);
}

void nolint_next_line_on_the_same_line() {
  auto ch = chan::make<int>(1);
  ch.close();
  // CHECK: suppression.cpp:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[CH101 send-on-closed]
  ch.send(1); // NOLINTNEXTLINE(channel-send-on-closed)
}

int main() {}
