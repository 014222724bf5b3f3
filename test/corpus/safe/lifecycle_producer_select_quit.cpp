// corpus: safe/lifecycle_producer_select_quit
// origin: precision suite
// mechanism: an ID generator goroutine loops on select between sending the next id and receiving from a quit channel; when quit closes it leaves the loop and closes its output (the only sender closing, after its last send); the consumer takes what it needs, closes quit, then drains the output until the close.
// run: exit0
#include <chan/chan.hpp>

#include <cstdint>

class IdGenerator {
 public:
  IdGenerator() {
    chan::go([ids = ids_, quit = quit_] {
      std::uint64_t next = 1000;
      for (bool running = true; running;) {
        chan::select(chan::on_send(ids, next, [&] { ++next; }),
                     chan::on_recv(quit, [&] { running = false; }));
      }
      ids.close();
    });
  }

  std::uint64_t next() { return ids_.recv(); }

  // Stops the generator; the ids it still hands out on the way are discarded
  // and must continue the sequence after `last`.
  bool stop(std::uint64_t last) {
    quit_.close();
    for (std::uint64_t id : ids_) {
      if (id != last + 1) return false;
      last = id;
    }
    return true;
  }

 private:
  chan::Chan<std::uint64_t> ids_ = chan::make<std::uint64_t>(4);
  chan::Chan<chan::Unit> quit_ = chan::make<chan::Unit>();
};

int main() {
  IdGenerator gen;
  std::uint64_t last = 0;
  for (int i = 0; i < 10; ++i) {
    const std::uint64_t id = gen.next();
    if (id <= last) return 1;
    last = id;
  }
  const bool in_order = gen.stop(last);
  return last == 1009 && in_order ? 0 : 1;
}
