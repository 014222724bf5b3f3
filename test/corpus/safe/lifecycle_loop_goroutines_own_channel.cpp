// corpus: safe/lifecycle_loop_goroutines_own_channel
// origin: precision suite
// mechanism: goroutines started in a loop each receive their own channel (the loop's element, captured by value) and close only that one when their shard is done, so one spawn site yields many closes of many different channels, never two closes of one channel.
// run: exit0
#include <chan/chan.hpp>

#include <vector>

std::vector<chan::Chan<int>> start_shards(int shards, int per_shard) {
  std::vector<chan::Chan<int>> outs;
  for (int s = 0; s < shards; ++s)
    outs.push_back(chan::make<int>(per_shard));
  for (int s = 0; s < shards; ++s) {
    chan::Chan<int> mine = outs[s];
    chan::go([mine, s, per_shard] {
      for (int i = 0; i < per_shard; ++i)
        mine.send(s * per_shard + i);
      mine.close();
    });
  }
  return outs;
}

int main() {
  const int shards = 4, per_shard = 5;
  std::vector<chan::Chan<int>> outs = start_shards(shards, per_shard);

  std::vector<int> seen(shards * per_shard, 0);
  for (chan::Chan<int>& out : outs)
    for (int v : out)
      ++seen[v];

  for (int count : seen)
    if (count != 1) return 1;

  // Done signals: one channel per goroutine, closed by that goroutine.
  std::vector<chan::Chan<chan::Unit>> done(3);
  for (auto& d : done)
    d = chan::make<chan::Unit>();
  for (std::size_t i = 0; i < done.size(); ++i)
    chan::go([d = done[i]] { d.close(); });
  for (auto& d : done)
    d.recv();
  return 0;
}
