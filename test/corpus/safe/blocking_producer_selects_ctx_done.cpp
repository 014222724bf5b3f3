// corpus: safe/blocking_producer_selects_ctx_done
// origin: precision suite
// mechanism: a paginated fetcher goroutine sends pages on an unbuffered channel, each send in a select with ctx.done(); the consumer stops after finding what it wants and cancels the context, so the fetcher's pending send is abandoned instead of blocking forever; the consumer waits for the fetcher's exit signal.
// run: exit0
#include <chan/chan.hpp>

#include <vector>

struct Page {
  int number = 0;
  std::vector<int> ids;
};

void fetch_pages(chan::Context ctx, chan::Chan<Page> out, chan::Chan<chan::Unit> exited) {
  for (int n = 0;; ++n) {
    Page p{n, {n * 10, n * 10 + 1, n * 10 + 2}};
    bool cancelled = false;
    chan::select(chan::on_send(out, p, [] {}), chan::on_recv(ctx.done(), [&] { cancelled = true; }));
    if (cancelled) break;
  }
  exited.close();
}

int find_page_with(int id) {
  auto [ctx, cancel] = chan::with_cancel(chan::background());
  auto pages = chan::make<Page>();
  auto exited = chan::make<chan::Unit>();
  chan::go(fetch_pages, ctx, pages, exited);

  int found = -1;
  while (found < 0) {
    Page p = pages.recv();
    for (int x : p.ids)
      if (x == id) found = p.number;
  }
  cancel();
  exited.recv();
  return found;
}

int main() {
  return find_page_with(42) == 4 && find_page_with(0) == 0 ? 0 : 1;
}
