// Loops of a skeleton, for the lifecycle dataflow: the order nodes are
// visited in, which nodes each natural loop holds, and what that says about
// channels made and goroutines started inside one.
#include "Interpreter.h"

#include <algorithm>

namespace chcheck::lifecycle {

const Interpreter::LoopInfo &Interpreter::loops(const ir::Skeleton *sk) {
  auto it = loops_.find(sk);
  if (it != loops_.end())
    return it->second;
  LoopInfo info;
  std::size_t n = sk->nodes.size();
  // Reverse post-order.
  std::vector<bool> seen(n, false);
  std::vector<std::pair<std::uint32_t, std::size_t>> stack = {{0, 0}};
  std::vector<std::uint32_t> post;
  seen[0] = true;
  while (!stack.empty()) {
    auto &[node, i] = stack.back();
    if (i == sk->nodes[node].succs.size()) {
      post.push_back(node);
      stack.pop_back();
      continue;
    }
    std::uint32_t s = sk->nodes[node].succs[i++];
    if (!seen[s]) {
      seen[s] = true;
      stack.emplace_back(s, 0);
    }
  }
  info.rpo.assign(post.rbegin(), post.rend());
  info.rpoIndex.assign(n, ~0u);
  for (std::uint32_t i = 0; i < info.rpo.size(); ++i)
    info.rpoIndex[info.rpo[i]] = i;
  // Natural loops: for each back edge u -> h, the nodes reaching u without h.
  std::vector<std::vector<std::uint32_t>> preds(n);
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::uint32_t v : sk->nodes[u].succs)
      preds[v].push_back(u);
  for (std::uint32_t u : info.rpo)
    for (std::uint32_t h : sk->nodes[u].succs) {
      if (info.rpoIndex[h] > info.rpoIndex[u])
        continue;
      std::size_t idx = std::find(info.heads.begin(), info.heads.end(), h) - info.heads.begin();
      if (idx == info.heads.size()) {
        info.heads.push_back(h);
        info.inLoop.emplace_back(n, false);
        info.inLoop.back()[h] = true;
      }
      std::vector<bool> &body = info.inLoop[idx];
      std::vector<std::uint32_t> work = {u};
      while (!work.empty()) {
        std::uint32_t x = work.back();
        work.pop_back();
        if (body[x])
          continue;
        body[x] = true;
        for (std::uint32_t p : preds[x])
          work.push_back(p);
      }
    }
  return loops_[sk] = std::move(info);
}

int Interpreter::innermostLoop(const ir::Skeleton *sk, std::uint32_t node) {
  const LoopInfo &L = loops(sk);
  int best = -1;
  std::size_t bestSize = ~std::size_t(0);
  for (std::size_t i = 0; i < L.heads.size(); ++i) {
    if (!L.inLoop[i][node])
      continue;
    std::size_t size = std::count(L.inLoop[i].begin(), L.inLoop[i].end(), true);
    if (size < bestSize) {
      best = static_cast<int>(i);
      bestSize = size;
    }
  }
  return best;
}

// A channel made in a loop stands for one per iteration: goroutines
// started in a loop need not share it.
bool Interpreter::madeInLoop(ObjId o) {
  for (auto &[sk, node] : madeIn_[o])
    if (innermostLoop(sk, node) >= 0)
      return true;
  return false;
}

bool Interpreter::inLoop() {
  for (auto &[sk, node] : nodes_)
    if (innermostLoop(sk, node) >= 0)
      return true;
  return false;
}

} // namespace chcheck::lifecycle
