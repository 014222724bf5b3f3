// corpus: safe/blocking_errgroup_first_error
// origin: precision suite
// mechanism: an errgroup-like Group runs tasks as goroutines sharing a cancellable context; the first task to fail records its error under std::call_once and cancels the context, and every other task stops at ctx.done() instead of waiting on its input, so wait() (a WaitGroup) returns with the first error and no task is left blocked.
// run: exit0
#include <chan/chan.hpp>

#include <functional>
#include <mutex>
#include <string>
#include <utility>

class Group {
 public:
  Group() { std::tie(ctx_, cancel_) = chan::with_cancel(chan::background()); }

  void go(std::function<std::string(const chan::Context&)> task) {
    wg_.add(1);
    chan::go([this, task = std::move(task)] {
      std::string err = task(ctx_);
      if (!err.empty())
        std::call_once(first_, [&] {
          error_ = err;
          cancel_();
        });
      wg_.done();
    });
  }

  std::string wait() {
    wg_.wait();
    cancel_();
    return error_;
  }

 private:
  chan::Context ctx_;
  chan::CancelFunc cancel_;
  chan::WaitGroup wg_;
  std::once_flag first_;
  std::string error_;
};

int main() {
  auto never = chan::make<int>();  // an input that never arrives
  Group g;
  for (int i = 0; i < 3; ++i) {
    g.go([never](const chan::Context& ctx) -> std::string {
      std::string result = "input arrived";
      chan::select(chan::on_recv(never, [](int) {}),
                   chan::on_recv(ctx.done(), [&] { result.clear(); }));  // cancelled: no error of its own
      return result;
    });
  }
  g.go([](const chan::Context&) { return std::string("disk quota exceeded"); });
  g.go([](const chan::Context&) { return std::string(); });

  const std::string err = g.wait();
  return err == "disk quota exceeded" ? 0 : 1;
}
