// corpus: safe/lifecycle_fan_out_vector_close_each
// origin: precision suite
// mechanism: a Dispatcher holds a std::vector of per-shard channels made in a loop; it routes each key to its shard, and close_all() closes every element once in a range-for loop after the last dispatch; each shard goroutine ranges over its own element.
// run: exit0
#include <chan/chan.hpp>

#include <functional>
#include <string>
#include <vector>

class Dispatcher {
 public:
  explicit Dispatcher(std::size_t shards) {
    for (std::size_t i = 0; i < shards; ++i)
      shards_.push_back(chan::make<std::string>(2));
  }

  void dispatch(const std::string& key) {
    shards_[std::hash<std::string>{}(key) % shards_.size()].send(key);
  }

  void close_all() {
    for (chan::Chan<std::string>& s : shards_)
      s.close();
  }

  const std::vector<chan::Chan<std::string>>& shards() const { return shards_; }

 private:
  std::vector<chan::Chan<std::string>> shards_;
};

int main() {
  Dispatcher d(3);
  auto counts = chan::make<int>(d.shards().size());
  for (const chan::Chan<std::string>& shard : d.shards()) {
    chan::go([shard, counts] {
      int n = 0;
      for (const std::string& key : shard)
        n += key.empty() ? 0 : 1;
      counts.send(n);
    });
  }

  for (int i = 0; i < 30; ++i)
    d.dispatch("user-" + std::to_string(i));
  d.close_all();

  int total = 0;
  for (std::size_t i = 0; i < d.shards().size(); ++i)
    total += counts.recv();
  return total == 30 ? 0 : 1;
}
