// corpus: safe/locks_registry_then_entry_order
// origin: precision suite
// mechanism: a two-level lock hierarchy: the registry's mutex guards the map of users and each User has its own mutex; every path that needs both takes the registry lock first and the user lock second (rename, snapshot), while per-user operations take only the user lock and never reach for the registry while holding it, so no two goroutines can wait on each other.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

struct User {
  std::mutex mu;
  std::string name;
  int logins = 0;
};

class Directory {
 public:
  std::shared_ptr<User> add(int id, std::string name) {
    std::lock_guard<std::mutex> reg(mu_);
    auto u = std::make_shared<User>();
    u->name = std::move(name);
    users_[id] = u;
    return u;
  }

  // Registry first, then the user: the global order.
  bool rename(int id, const std::string& name) {
    std::lock_guard<std::mutex> reg(mu_);
    auto it = users_.find(id);
    if (it == users_.end()) return false;
    std::lock_guard<std::mutex> user(it->second->mu);
    it->second->name = name;
    return true;
  }

  int total_logins() {
    std::lock_guard<std::mutex> reg(mu_);
    int total = 0;
    for (auto& [id, u] : users_) {
      std::lock_guard<std::mutex> user(u->mu);
      total += u->logins;
    }
    return total;
  }

  // Only the user's own lock: never the registry while holding it.
  static void login(User& u) {
    std::lock_guard<std::mutex> user(u.mu);
    ++u.logins;
  }

 private:
  std::mutex mu_;
  std::map<int, std::shared_ptr<User>> users_;
};

int main() {
  Directory dir;
  auto alice = dir.add(1, "alice");
  auto bob = dir.add(2, "bob");

  chan::WaitGroup wg;
  wg.add(3);
  chan::go([&] {
    for (int i = 0; i < 300; ++i) Directory::login(i % 2 ? *alice : *bob);
    wg.done();
  });
  chan::go([&] {
    for (int i = 0; i < 300; ++i) dir.rename(1 + i % 2, "user" + std::to_string(i));
    wg.done();
  });
  chan::go([&] {
    for (int i = 0; i < 300; ++i) (void)dir.total_logins();
    wg.done();
  });
  wg.wait();
  return dir.total_logins() == 300 ? 0 : 1;
}
