// corpus: safe/lifecycle_sendchan_struct_field
// origin: precision suite
// mechanism: a crawler's Task struct carries a chan::SendChan<std::string> field for discovered links; each task goroutine sends through its field and signals completion on a WaitGroup, and the coordinator, the channel's owner, closes the bidirectional handle only after wait() (no task closes the shared view).
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

struct Task {
  std::string page;
  int depth;
  chan::SendChan<std::string> links;
  std::shared_ptr<chan::WaitGroup> wg;

  void run() const {
    for (int i = 0; i < depth; ++i)
      links.send(page + "/" + std::to_string(i));
    wg->done();
  }
};

std::set<std::string> crawl(const std::vector<std::string>& roots) {
  auto links = chan::make<std::string>();
  auto wg = std::make_shared<chan::WaitGroup>();
  for (const std::string& root : roots) {
    wg->add(1);
    Task task{root, static_cast<int>(root.size() % 3) + 1, links, wg};
    chan::go([task] { task.run(); });
  }
  chan::go([links, wg] {
    wg->wait();
    links.close();
  });

  std::set<std::string> seen;
  for (std::string link : links)
    seen.insert(std::move(link));
  return seen;
}

int main() {
  const auto seen = crawl({"a.org", "bb.org", "ccc.org"});
  // sizes 5, 6, 7 -> depths 3, 1, 2
  return seen.size() == 6 && seen.count("bb.org/0") == 1 ? 0 : 1;
}
