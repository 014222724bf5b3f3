#include <chan/chan.hpp>

// main waits for the worker's reply while holding the lock the worker needs
// first: a wait cycle (CH203).
struct Service {
  chan::Mutex mu;
  chan::Chan<int> replies = chan::make<int>();

  void update() {
    mu.lock();
    mu.unlock();
  }
  void serve() {
    update();
    replies.send(1);
  }
};

int main() {
  Service s;
  s.mu.lock();
  chan::go([&s] { s.serve(); });
  s.replies.recv();
  s.mu.unlock();
}
