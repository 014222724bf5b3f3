// corpus: goker/cockroach_6181 buggy
// origin: GoBench GoKer cockroach#6181 (blocking: resource deadlock, RWR deadlock)
// mechanism: LookupRangeDescriptor() logs the cache while holding its read lock, and the cache's String() read-locks it again; a concurrent lookup that has moved on to the write lock waits for the first reader, and blocks that reader's second read lock.
// run: deadlock
//
// The interleaving is forced: each lookup takes 200 ms between its read lock
// and the log line, and the three lookups start 50 ms apart, so the first one
// asks for the write lock while the others still hold their read locks.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;

class RangeDescriptorCache {
 public:
  void lookup_range_descriptor(const std::string& key) {
    {
      std::shared_lock lock(range_cache_mu_);
      std::this_thread::sleep_for(200ms);  // looks the key up (forces the interleaving)
      std::printf("lookup range descriptor: %s in %s\n", key.c_str(), to_string().c_str());
    }
    std::lock_guard lock(range_cache_mu_);
    descriptors_.push_back(key);
  }

  std::string to_string() const {
    std::shared_lock lock(range_cache_mu_);  // expect: CH206
    return string_locked();
  }

 private:
  std::string string_locked() const { return std::to_string(descriptors_.size()) + " descriptors"; }

  mutable chan::RWMutex range_cache_mu_;
  std::vector<std::string> descriptors_;
};

void do_lookup_with_token(RangeDescriptorCache& cache) { cache.lookup_range_descriptor("a"); }

void test_range_cache_coalesced_requests() {
  auto cache = std::make_shared<RangeDescriptorCache>();
  chan::WaitGroup wg;
  for (int i = 0; i < 3; ++i) {
    wg.add(1);
    chan::go([cache, &wg] {  // G2, G3, G4
      do_lookup_with_token(*cache);
      wg.done();
    });
    std::this_thread::sleep_for(50ms);  // forces the interleaving (see header)
  }
  wg.wait();
  std::printf("%s\n", cache->to_string().c_str());
}

}  // namespace

int main() { test_range_cache_coalesced_requests(); }
