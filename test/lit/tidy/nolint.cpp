// clang-tidy's suppression comments apply to channel-* checks as to any
// other, and so does chcheck's own `// chcheck: ignore`: only the sends
// marked below are reported.
// RUN: %check_clang_tidy %s 'channel-*' %t
#include <chan/chan.hpp>

chan::Chan<int> closed() {
  auto ch = chan::make<int>(1);
  ch.close();
  return ch;
}

void nolint_on_the_line() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // NOLINT
}

void nolint_naming_the_check() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // NOLINT(channel-send-on-closed)
}

void nolint_glob() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // NOLINT(bugprone-*,channel-*)
}

void nolint_for_another_check() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // NOLINT(channel-close-of-closed)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch' {{.*}} [channel-send-on-closed]
}

void nolint_next_line() {
  auto ch = chan::make<int>(1);
  ch.close();
  // NOLINTNEXTLINE(channel-send-on-closed)
  ch.send(1);
}

// NOLINTBEGIN(channel-send-on-closed)
void inside_a_nolint_region() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
}
// NOLINTEND(channel-send-on-closed)

void after_the_region() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch' {{.*}} [channel-send-on-closed]
}

void chcheck_ignore_by_id() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // chcheck: ignore CH101
}

void chcheck_ignore_by_name_on_the_line_before() {
  auto ch = chan::make<int>(1);
  ch.close();
  // chcheck: ignore send-on-closed -- this test wants the panic
  ch.send(1);
}

void chcheck_ignore_of_another_rule() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // chcheck: ignore CH102
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch' {{.*}} [channel-send-on-closed]
}

void nolint_silences_the_warning_not_the_other_check() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.close(); ch.send(1); // NOLINT(channel-send-on-closed)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: close of channel 'ch', which is already closed on every path{{.*}} [channel-close-of-closed]
}
