// Engine v2, idiom 8: containers of channel handles. `std::vector<Chan<T>>
// v(n)`, `std::array<Chan<T>, n>`, `Chan<T> a[n]` and `std::map<K, Chan<T>>`'s
// operator[] hold nil channels until a made channel is assigned to them: an
// operation on such an element blocks forever (send, recv) or panics (close).
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <array>
#include <map>
#include <string>
#include <vector>

// ---- positive cases ----

void vector_of_nil_channels() {
  std::vector<chan::Chan<int>> v(3);
  // CHECK: containers-of-channels.cpp:[[@LINE+1]]:3: error: send on channel '{{.*}}', which is nil on every path: it blocks forever [CH104 nil-channel-op]
  v[0].send(1);
}

void array_of_nil_channels() {
  std::array<chan::Chan<int>, 2> a;
  // CHECK: :[[@LINE+1]]:11: error: recv() on channel '{{.*}}', which is nil on every path
  int x = a[1].recv();
  (void)x;
}

void c_array_of_nil_channels() {
  chan::Chan<int> a[2];
  // CHECK: :[[@LINE+1]]:3: error: close of channel '{{.*}}', which is nil on every path: it panics with "close of nil channel" [CH103 close-of-nil]
  a[0].close();
}

void map_operator_index_makes_a_nil_value() {
  std::map<std::string, chan::Chan<int>> topics;
  // CHECK: :[[@LINE+1]]:3: error: send on channel '{{.*}}', which is nil on every path
  topics["orders"].send(1);
}

void range_over_nil_element() {
  std::vector<chan::Chan<int>> v(2);
  // CHECK: :[[@LINE+1]]:16: error: range over channel '{{.*}}', which is nil on every path
  for (int x : v[1])
    (void)x;
}

// ---- negative cases: nothing below may be reported ----

void vector_made_in_a_loop() {
  std::vector<chan::Chan<int>> v(3);
  for (auto &c : v)
    c = chan::make<int>(1);
  v[0].send(1);
  v[2].close();
}

void vector_filled_by_push_back() {
  std::vector<chan::Chan<int>> v;
  for (int i = 0; i < 3; ++i)
    v.push_back(chan::make<int>(1));
  v[1].send(1);
}

void array_initialised_with_made_channels() {
  std::array<chan::Chan<int>, 2> a{chan::make<int>(1), chan::make<int>(1)};
  a[1].send(1);
}

void c_array_made_by_index() {
  chan::Chan<int> a[2];
  for (int i = 0; i < 2; ++i)
    a[i] = chan::make<int>(1);
  a[0].close();
}

void map_value_assigned_first() {
  std::map<std::string, chan::Chan<int>> topics;
  topics["orders"] = chan::make<int>(1);
  topics["orders"].send(1);
}

void map_lookup_by_find(std::map<std::string, chan::Chan<int>> &topics) {
  auto it = topics.find("orders");
  if (it != topics.end())
    it->second.send(1);
}
