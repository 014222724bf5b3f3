// corpus: safe/lifecycle_unique_ptr_batcher
// origin: precision suite
// mechanism: a Batcher owned through std::unique_ptr groups items into fixed-size batches on its output channel; add() sends a full batch, flush() sends the rest and closes, and the owner calls flush() once after the last add(); the consumer goroutine ranges over the output and reports through a buffered result channel.
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <utility>
#include <vector>

class Batcher {
 public:
  Batcher(std::size_t size, chan::Chan<std::vector<int>> out) : size_(size), out_(std::move(out)) {}

  void add(int item) {
    pending_.push_back(item);
    if (pending_.size() == size_) emit();
  }

  void flush() {
    if (!pending_.empty()) emit();
    out_.close();
  }

 private:
  void emit() {
    out_.send(std::move(pending_));
    pending_.clear();
  }

  std::size_t size_;
  chan::Chan<std::vector<int>> out_;
  std::vector<int> pending_;
};

int main() {
  auto batches = chan::make<std::vector<int>>();
  auto summary = chan::make<std::pair<int, int>>(1);  // (batches, items)

  chan::go([batches, summary] {
    int n = 0, items = 0;
    for (const std::vector<int>& b : batches) {
      ++n;
      items += static_cast<int>(b.size());
    }
    summary.send({n, items});
  });

  auto batcher = std::make_unique<Batcher>(4, batches);
  for (int i = 0; i < 10; ++i)
    batcher->add(i);
  batcher->flush();
  batcher.reset();

  auto [n, items] = summary.recv();
  return n == 3 && items == 10 ? 0 : 1;
}
