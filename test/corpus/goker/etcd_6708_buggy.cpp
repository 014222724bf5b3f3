// corpus: goker/etcd_6708 buggy
// origin: GoBench GoKer etcd#6708 (blocking: resource deadlock, double locking)
// mechanism: Sync() holds the cluster client's write lock while SetEndpoints() looks up the leader, and the members API it builds on that same client sends the request through Do(), which read-locks the client on the same goroutine.
// run: deadlock
#include <chan/chan.hpp>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

namespace {

enum class EndpointSelectionMode { kRandom, kPrioritizeLeader };

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual void do_request(const chan::Context& ctx) = 0;
};

class Client : public HttpClient {
 public:
  virtual void sync(const chan::Context& ctx) = 0;
  virtual void set_endpoints() = 0;
};

class MembersAPI {
 public:
  virtual ~MembersAPI() = default;
  virtual void leader(const chan::Context& ctx) = 0;
};

class HttpMembersAPI final : public MembersAPI {
 public:
  explicit HttpMembersAPI(HttpClient& client) : client_(client) {}
  void leader(const chan::Context& ctx) override { client_.do_request(ctx); }

 private:
  HttpClient& client_;
};

std::unique_ptr<MembersAPI> new_members_api(HttpClient& client) { return std::make_unique<HttpMembersAPI>(client); }

class HttpClusterClient final : public Client {
 public:
  HttpClusterClient(EndpointSelectionMode mode, std::vector<std::string> endpoints)
      : selection_mode_(mode), endpoints_(std::move(endpoints)) {}

  void do_request(const chan::Context&) override {
    std::shared_lock lock(mu_);  // expect: CH206
    ++requests_;
  }

  void sync(const chan::Context&) override {
    std::lock_guard lock(mu_);
    set_endpoints();
  }

  void set_endpoints() override {
    switch (selection_mode_) {
      case EndpointSelectionMode::kRandom:
        break;
      case EndpointSelectionMode::kPrioritizeLeader:
        get_leader_endpoint();
        break;
    }
  }

 private:
  void get_leader_endpoint() {
    auto members = new_members_api(*this);
    members->leader(chan::background());
  }

  chan::RWMutex mu_;
  EndpointSelectionMode selection_mode_;
  std::vector<std::string> endpoints_;
  int requests_ = 0;
};

}  // namespace

int main() {
  HttpClusterClient client(EndpointSelectionMode::kPrioritizeLeader, {"http://127.0.0.1:2379"});
  client.sync(chan::background());
}
