// Suppression comments, right and wrong (suppression-report.test).
#include <chan/chan.hpp>

void used() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // chcheck: ignore CH101
}

void unknown_rule() {
  auto ch = chan::make<int>(1);
  ch.close();
  // chcheck: ignore CH999
  ch.send(1);
}

void misspelt_check() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send(1); // NOLINT(channel-send-on-closd, bugprone-unrelated)
}

void unused_item() {
  auto ch = chan::make<int>(1);
  ch.send(1); // chcheck: ignore CH102
}

void unused_nolint() {
  auto ch = chan::make<int>(1);
  // NOLINTNEXTLINE(channel-close-*, readability-other)
  ch.send(1);
}

void unused_everything() {
  auto ch = chan::make<int>(1); // chcheck: ignore
  ch.send(1); // NOLINT
}

int main() {}
