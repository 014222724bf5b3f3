// corpus: goker/etcd_5509 fixed
// origin: GoBench GoKer etcd#5509 (blocking: resource deadlock, double locking)
// mechanism: remoteClient::acquire() releases the client's read lock before it returns ErrConnClosed, so Close() can retake the write lock.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace {

using namespace std::chrono_literals;

const std::error_code kErrConnClosed = std::make_error_code(std::errc::not_connected);

class Client {
 public:
  Client() {
    auto [ctx, cancel] = chan::with_cancel(chan::background());
    ctx_ = ctx;
    cancel_ = cancel;
  }

  void close() {
    std::unique_lock lock(mu_);
    if (!cancel_) return;
    cancel_();
    cancel_ = nullptr;
    lock.unlock();
    std::this_thread::sleep_for(100ms);  // closes the watcher and the lease
    lock.lock();
  }

 private:
  friend class RemoteClient;

  chan::RWMutex mu_;
  chan::Context ctx_;
  std::function<void()> cancel_;
};

class RemoteClient {
 public:
  explicit RemoteClient(std::shared_ptr<Client> client) : client_(std::move(client)) {}

  // On success, returns with the client's read lock held for the caller.
  std::error_code acquire(const chan::Context&) {
    for (;;) {
      client_->mu_.lock_shared();
      bool closed = !client_->cancel_;
      {
        std::lock_guard lock(mu_);  // checks the connection
      }
      if (closed) {
        client_->mu_.unlock_shared();
        return kErrConnClosed;
      }
      client_->mu_.unlock_shared();
      std::this_thread::sleep_for(1ms);  // waits for the connection to come up
    }
  }

 private:
  std::shared_ptr<Client> client_;
  chan::Mutex mu_;
};

class KV {
 public:
  virtual ~KV() = default;
  virtual std::error_code get(const chan::Context& ctx) = 0;
};

class RemoteKV final : public KV {
 public:
  explicit RemoteKV(std::shared_ptr<Client> client) : remote_(std::move(client)) {}

  std::error_code get(const chan::Context& ctx) override { return do_request(ctx); }

 private:
  std::error_code do_request(const chan::Context& ctx) { return remote_.acquire(ctx); }

  RemoteClient remote_;
};

}  // namespace

int main() {
  auto client = std::make_shared<Client>();
  std::shared_ptr<KV> kv = std::make_shared<RemoteKV>(client);
  auto donec = chan::make<chan::Unit>();
  chan::go([kv, donec] {
    std::error_code err = kv->get(chan::background());
    if (err && err != kErrConnClosed) std::puts("expected ErrConnClosed");
    donec.close();
  });
  std::this_thread::sleep_for(20ms);
  client->close();
  donec.recv();
}
