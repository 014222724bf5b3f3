// corpus: safe/blocking_context_tree_cancel
// origin: precision suite
// mechanism: a crawler derives one child context per site from a parent context with with_cancel; each site worker waits on its child's done() between pages; cancelling the parent cancels every child (Go's context tree), so all workers leave their loops and the WaitGroup wait returns; each child's own cancel function is also called, which is idempotent.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;

struct Site {
  std::string host;
  chan::Context ctx;
  chan::CancelFunc cancel;
};

void crawl_site(const Site& site, std::atomic<int>& pages, chan::WaitGroup& wg) {
  for (bool running = true; running;) {
    chan::select(chan::on_recv(site.ctx.done(), [&] { running = false; }),
                 chan::on_recv(chan::after(1ms), [&] { ++pages; }));  // fetched one page
  }
  wg.done();
}

int main() {
  auto [root, cancel_all] = chan::with_cancel(chan::background());
  std::vector<Site> sites;
  for (const char* host : {"a.example", "b.example", "c.example"}) {
    auto [ctx, cancel] = chan::with_cancel(root);
    sites.push_back({host, ctx, cancel});
  }

  std::atomic<int> pages{0};
  chan::WaitGroup wg;
  for (const Site& s : sites) {
    wg.add(1);
    chan::go([&s, &pages, &wg] { crawl_site(s, pages, wg); });
  }

  auto budget = chan::after(10ms);
  budget.recv();
  cancel_all();  // reaches every child
  wg.wait();

  bool all_cancelled = true;
  for (Site& s : sites) {
    all_cancelled = all_cancelled && s.ctx.err() == chan::ContextError::canceled;
    s.cancel();  // release the child: a no-op now
  }
  return all_cancelled ? 0 : 1;
}
