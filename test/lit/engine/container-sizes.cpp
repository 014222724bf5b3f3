// Loops over a container run exactly as many times as it has elements when
// the code makes its size certain (an initializer list, a count, push_back,
// pop_back, clear): the explorer then knows how many goroutines a loop starts
// and finds the one that is left blocked on every execution. A size it cannot
// be sure of (a parameter, a container handed to unseen code, insert, a map
// from a list whose keys may repeat) is not guessed: those loops stay silent.
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <vector>

using Job = std::function<void()>;

// ---- positive cases: found only because the loop's count is known ----

// Two goroutines, one receive: the other sender blocks forever.
void index_loop_over_initializer_list() {
  auto results = chan::make<int>();
  std::vector<Job> jobs = {[] {}, [] {}};
  for (std::size_t i = 0; i < jobs.size(); ++i)
    // CHECK: :[[@LINE+1]]:26: error: {{.*}}blocks forever sending on channel 'results'{{.*}}[CH201 blocked-send-leak]
    chan::go([results] { results.send(1); });
  results.recv();
}

void range_for_over_initializer_list() {
  auto results = chan::make<int>();
  const std::vector<Job> jobs{[] {}, [] {}, [] {}};
  for (const Job &job : jobs)
    // CHECK: :[[@LINE+1]]:26: error: {{.*}}blocks forever sending on channel 'results'{{.*}}[CH201 blocked-send-leak]
    chan::go([results] { results.send(1); });
  results.recv();
  results.recv();
}

// Three pushed, one popped: two goroutines for one receive.
void pushed_and_popped() {
  auto results = chan::make<int>();
  std::vector<Job> jobs;
  jobs.push_back([] {});
  jobs.emplace_back([] {});
  jobs.push_back([] {});
  jobs.pop_back();
  for (const Job &job : jobs)
    // CHECK: :[[@LINE+1]]:26: error: {{.*}}blocks forever sending on channel 'results'{{.*}}[CH201 blocked-send-leak]
    chan::go([results] { results.send(1); });
  results.recv();
}

// The size travels with a copy into a goroutine and through a reference.
void count_jobs(const std::vector<Job> &jobs, chan::Chan<int> results) {
  for (std::size_t i = 0; i < jobs.size(); ++i)
    // CHECK: :[[@LINE+1]]:26: error: {{.*}}blocks forever sending on channel 'results'{{.*}}[CH201 blocked-send-leak]
    chan::go([results] { results.send(1); });
}

void size_through_copies() {
  auto results = chan::make<int>();
  std::vector<Job> jobs(2);
  chan::go([jobs, results] { count_jobs(jobs, results); });
  results.recv();
}

// ---- negative cases: nothing below may be reported ----

// The same shapes with as many receives as sends.
void index_loop_all_received() {
  auto results = chan::make<int>();
  std::vector<Job> jobs = {[] {}, [] {}};
  for (std::size_t i = 0; i < jobs.size(); ++i)
    chan::go([results] { results.send(1); });
  results.recv();
  results.recv();
}

void range_for_all_received() {
  auto results = chan::make<int>();
  std::vector<Job> jobs;
  jobs.push_back([] {});
  jobs.push_back([] {});
  jobs.clear();
  jobs.push_back([] {});
  for (const Job &job : jobs)
    chan::go([results] { results.send(1); });
  results.recv();
}

// Sizes the code does not make certain: no count is guessed.
void from_parameter(std::vector<Job> jobs) {
  auto results = chan::make<int>();
  for (std::size_t i = 0; i < jobs.size(); ++i)
    chan::go([results] { results.send(1); });
  for (const Job &job : jobs)
    chan::go([results] { results.send(1); });
  results.recv();
  results.recv();
}

void refill(std::vector<Job> &jobs); // unseen: may add or remove jobs

void handed_to_unseen_code() {
  auto results = chan::make<int>();
  std::vector<Job> jobs = {[] {}, [] {}};
  refill(jobs);
  for (const Job &job : jobs)
    chan::go([results] { results.send(1); });
  results.recv();
}

// Three jobs after the insert: a size that ignored it would leave the third
// receive blocked.
void inserted() {
  auto results = chan::make<int>();
  std::vector<Job> jobs = {[] {}, [] {}};
  jobs.insert(jobs.begin(), [] {});
  for (const Job &job : jobs)
    chan::go([results] { results.send(1); });
  results.recv();
  results.recv();
  results.recv();
}

// Equal keys collapse: this map has one element, not two.
void map_from_initializer_list() {
  auto results = chan::make<int>();
  std::map<int, Job> jobs = {{1, [] {}}, {1, [] {}}};
  for (const auto &[key, job] : jobs)
    chan::go([results] { results.send(1); });
  results.recv();
}

// A moved-from vector's size is left open by the standard.
void moved_from() {
  auto results = chan::make<int>();
  std::vector<Job> jobs = {[] {}, [] {}};
  std::vector<Job> taken = std::move(jobs);
  for (const Job &job : jobs)
    chan::go([results] { results.send(1); });
  (void)taken;
}
