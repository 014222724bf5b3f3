// corpus: safe/blocking_tree_walk_range
// origin: precision suite
// mechanism: a recursive tree walk sends every node's value on a channel; a helper walk_all() calls the recursion and closes the channel after it returns, and is run as a goroutine; the caller ranges over the channel, which ends at that close, so neither side blocks forever (Go tour's equivalent binary trees).
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <vector>

struct Node {
  int value;
  std::unique_ptr<Node> left, right;
};

std::unique_ptr<Node> insert(std::unique_ptr<Node> root, int v) {
  if (!root) return std::make_unique<Node>(Node{v, nullptr, nullptr});
  if (v < root->value)
    root->left = insert(std::move(root->left), v);
  else
    root->right = insert(std::move(root->right), v);
  return root;
}

void walk(const Node* n, const chan::Chan<int>& out) {
  if (!n) return;
  walk(n->left.get(), out);
  out.send(n->value);
  walk(n->right.get(), out);
}

void walk_all(const Node* root, chan::Chan<int> out) {
  walk(root, out);
  out.close();
}

bool same(const Node* a, const Node* b) {
  auto ca = chan::make<int>(), cb = chan::make<int>();
  chan::go(walk_all, a, ca);
  chan::go(walk_all, b, cb);
  std::vector<int> va, vb;
  for (int v : ca) va.push_back(v);
  for (int v : cb) vb.push_back(v);
  return va == vb;
}

int main() {
  std::unique_ptr<Node> t1, t2, t3;
  for (int v : {5, 3, 8, 1, 4, 9}) t1 = insert(std::move(t1), v);
  for (int v : {1, 3, 4, 5, 8, 9}) t2 = insert(std::move(t2), v);
  for (int v : {1, 3, 4, 5, 8}) t3 = insert(std::move(t3), v);
  return same(t1.get(), t2.get()) && !same(t1.get(), t3.get()) ? 0 : 1;
}
