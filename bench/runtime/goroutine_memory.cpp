// What a blocked goroutine costs, and how many fit in this machine:
//
//   goroutine_memory [goroutines]        (default 2000; CHAN_STACK_SIZE applies)
//
// Starts the goroutines, each blocked in a receive, and reports per
// goroutine: resident memory (VmRSS), mappings (/proc/self/maps: each
// thread stack is a mapping plus a guard), the kernel stack (KernelStack
// in /proc/meminfo, system-wide, so other processes add noise) and the
// wall time of go().  Then prints the limits that bound the number of
// threads and the ceiling they imply.  It never goes near a limit itself:
// pid_max and RLIMIT_NPROC are shared with every other process and user.
#include <chan/chan.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace {

// "VmRSS:     1234 kB" -> 1234 (KiB), from a /proc file of "Key: value" lines.
long proc_kib(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::strtol(line.c_str() + key.size() + 1, nullptr, 10);
  return -1;
}

long count_lines(const char* file) {
  std::ifstream in(file);
  return std::count(std::istreambuf_iterator<char>(in), {}, '\n');
}

long read_number(const char* file) {
  std::ifstream in(file);
  long v = -1;
  in >> v;
  return v;
}

std::string read_word(const char* file) {
  std::ifstream in(file);
  std::string w;
  in >> w;
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 2000;
  if (n < 1 || n > 20000) {
    std::fprintf(stderr, "usage: goroutine_memory [goroutines, 1..20000]\n");
    return 2;
  }
  auto never = chan::make<int>();
  chan::WaitGroup parked;  // each goroutine is about to block
  // Warm up the runtime (monitor thread, allocator) before the baseline.
  chan::go([] {});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));

  const long rss0 = proc_kib("/proc/self/status", "VmRSS");
  const long maps0 = count_lines("/proc/self/maps");
  const long kstack0 = proc_kib("/proc/meminfo", "KernelStack");
  const auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i) chan::go([never]() mutable { (void)never.recv(); });
  const auto t1 = std::chrono::steady_clock::now();
  while (static_cast<long>(chan::blocked_goroutines().size()) < n) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const long rss1 = proc_kib("/proc/self/status", "VmRSS");
  const long maps1 = count_lines("/proc/self/maps");
  const long kstack1 = proc_kib("/proc/meminfo", "KernelStack");

  const double rss_per = (rss1 - rss0) * 1024.0 / n;
  const double maps_per = static_cast<double>(maps1 - maps0) / n;
  const double kstack_per = (kstack1 - kstack0) * 1024.0 / n;
  const double go_us = std::chrono::duration<double, std::micro>(t1 - t0).count() / n;
  const char* stack = std::getenv("CHAN_STACK_SIZE");
  std::printf("goroutines %ld, CHAN_STACK_SIZE=%s\n", n, stack ? stack : "(default)");
  std::printf("  RSS per goroutine          %8.0f bytes (%.1f KiB)\n", rss_per, rss_per / 1024);
  std::printf("  kernel stack per goroutine %8.0f bytes (system-wide delta, noisy)\n", kstack_per);
  std::printf("  mappings per goroutine     %8.2f\n", maps_per);
  std::printf("  go() wall time             %8.1f us\n", go_us);

  // The limits on threads, and the ceiling they put on goroutines.
  const long pid_max = read_number("/proc/sys/kernel/pid_max");
  const long threads_max = read_number("/proc/sys/kernel/threads-max");
  const long map_count = read_number("/proc/sys/vm/max_map_count");
  rlimit nproc{};
  getrlimit(RLIMIT_NPROC, &nproc);
  const std::string cg_pids = read_word("/sys/fs/cgroup/pids.max");
  const long mem_kib = proc_kib("/proc/meminfo", "MemAvailable");
  const double per_goroutine_mem = rss_per + std::max(kstack_per, 16384.0);
  std::printf("limits\n");
  std::printf("  kernel.pid_max             %8ld (thread ids, shared by the whole system)\n", pid_max);
  std::printf("  kernel.threads-max         %8ld\n", threads_max);
  std::printf("  RLIMIT_NPROC               %8s (threads of this user, all processes)\n",
              nproc.rlim_cur == RLIM_INFINITY ? "unlimited" : std::to_string(nproc.rlim_cur).c_str());
  std::printf("  cgroup pids.max            %8s\n", cg_pids.empty() ? "(none)" : cg_pids.c_str());
  std::printf("  vm.max_map_count           %8ld -> %.0f goroutines at %.2f mappings each\n", map_count,
              maps_per > 0 ? map_count / maps_per : 0.0, maps_per);
  std::printf("  MemAvailable               %8ld KiB -> %.0f goroutines at %.1f KiB each (RSS + kernel stack)\n",
              mem_kib, mem_kib * 1024.0 / per_goroutine_mem, per_goroutine_mem / 1024);
  never.close();
  return 0;
}
