// corpus: goker/kubernetes_30872 buggy
// origin: GoBench GoKer kubernetes#30872 (blocking: resource deadlock, AB-BA deadlock)
// mechanism: ClustersSynced() locks the federated informer and then, in HasSynced(), the cluster informer's DeltaFIFO, while the cluster informer's processLoop locks the DeltaFIFO in Pop() and then, through the add handler, the federated informer in addCluster(); Stop() then waits for the federated informer too.
// run: leak
//
// The interleaving is forced: processing a popped item takes 100 ms under the
// DeltaFIFO lock, the delaying deliverer runs the reconcile handler 50 ms
// after it is started, and the test closes stop 150 ms in, so all three
// goroutines are blocked at exit.
#include <chan/chan.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace {

using namespace std::chrono_literals;

using ProcessFunc = std::function<void()>;
using StopChan = chan::RecvChan<chan::Unit>;

// Runs f over and over until stop is closed.
void jitter_until(const std::function<void()>& f, StopChan stop) {
  for (;;) {
    bool stopped = false;
    chan::select(chan::on_recv(stop, [&] { stopped = true; }), chan::on_default([] {}));
    if (stopped) return;
    f();
  }
}

class Queue {
 public:
  virtual ~Queue() = default;
  virtual void has_synced() = 0;
  virtual void pop(const ProcessFunc& process) = 0;
};

class DeltaFIFO final : public Queue {
 public:
  void has_synced() override {
    std::lock_guard lock(lock_);  // expect: CH204
  }

  void pop(const ProcessFunc& process) override {
    std::lock_guard lock(lock_);
    std::this_thread::sleep_for(100ms);  // processing the item takes a while (forces the interleaving)
    process();
  }

 private:
  chan::RWMutex lock_;
};

class ResourceEventHandler {
 public:
  virtual ~ResourceEventHandler() = default;
  virtual void on_add() = 0;
};

class ResourceEventHandlerFuncs final : public ResourceEventHandler {
 public:
  explicit ResourceEventHandlerFuncs(std::function<void()> add) : add_func_(std::move(add)) {}
  void on_add() override {
    if (add_func_) add_func_();
  }

 private:
  std::function<void()> add_func_;
};

class ControllerInterface {
 public:
  virtual ~ControllerInterface() = default;
  virtual void run(StopChan stop) = 0;
  virtual void has_synced() = 0;
};

class Controller final : public ControllerInterface {
 public:
  Controller(std::shared_ptr<Queue> queue, ProcessFunc process)
      : queue_(std::move(queue)), process_(std::move(process)) {}

  void run(StopChan stop) override {
    jitter_until([this] { queue_->pop(process_); }, stop);
  }
  void has_synced() override { queue_->has_synced(); }

 private:
  std::shared_ptr<Queue> queue_;
  ProcessFunc process_;
};

std::shared_ptr<Controller> new_informer(std::shared_ptr<ResourceEventHandler> handler) {
  return std::make_shared<Controller>(std::make_shared<DeltaFIFO>(), [handler] { handler->on_add(); });
}

class FederatedInformer {
 public:
  virtual ~FederatedInformer() = default;
  virtual void clusters_synced() = 0;
  virtual void start() = 0;
  virtual void stop() = 0;
};

class FederatedInformerImpl final : public FederatedInformer {
 public:
  static std::shared_ptr<FederatedInformerImpl> create() {
    auto informer = std::make_shared<FederatedInformerImpl>();
    std::weak_ptr<FederatedInformerImpl> weak = informer;  // the informer owns the handler
    informer->cluster_controller_ = new_informer(std::make_shared<ResourceEventHandlerFuncs>([weak] {
      if (auto f = weak.lock()) f->add_cluster();
    }));
    return informer;
  }

  void clusters_synced() override {
    std::lock_guard lock(mu_);
    cluster_controller_->has_synced();
  }

  void start() override {
    std::lock_guard lock(mu_);
    cluster_stop_ = chan::make<chan::Unit>();
    chan::go([controller = cluster_controller_, stop = cluster_stop_] { controller->run(stop); });
  }

  void stop() override {
    std::lock_guard lock(mu_);
    cluster_stop_.close();
  }

 private:
  void add_cluster() {
    std::lock_guard lock(mu_);  // expect: CH204
  }

  chan::Mutex mu_;
  std::shared_ptr<ControllerInterface> cluster_controller_;
  chan::Chan<chan::Unit> cluster_stop_;
};

class DelayingDeliverer {
 public:
  void start_with_handler(std::function<void()> handler) {
    chan::go([handler = std::move(handler)] {
      std::this_thread::sleep_for(50ms);  // the first delivery is delayed (forces the interleaving)
      handler();
    });
  }
};

class NamespaceController {
 public:
  NamespaceController() : informer_(FederatedInformerImpl::create()) {}

  void run(StopChan stop) {
    informer_->start();
    chan::go([informer = informer_, stop] {
      stop.recv();
      informer->stop();
    });
    deliverer_.start_with_handler([informer = informer_] { informer->clusters_synced(); });
  }

 private:
  DelayingDeliverer deliverer_;
  std::shared_ptr<FederatedInformer> informer_;
};

}  // namespace

int main() {
  NamespaceController controller;
  auto stop = chan::make<chan::Unit>();
  controller.run(stop);
  std::this_thread::sleep_for(150ms);  // forces the interleaving (see header)
  stop.close();
}
