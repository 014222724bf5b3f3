// A struct sent on a channel arrives whole: the receiver gets its handles and
// callbacks and what it does with them is followed (a callback that closes a
// channel, a reply channel inside a request).
// RUN: %expect_exit 1 %chcheck %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <functional>
#include <string>

struct Task {
  std::function<void()> run;
  std::string name;
};

struct Request {
  int key = 0;
  chan::Chan<int> reply;
};

class Executor {
public:
  void start() {
    chan::go([this] {
      for (Task t : tasks_)
        if (t.run)
          t.run();
    });
  }
  void submit(Task t) { tasks_.send(std::move(t)); }
  void shutdown() { tasks_.close(); }

private:
  chan::Chan<Task> tasks_ = chan::make<Task>(8);
};

// ---- positive case ----

// The task reports its result on an unbuffered channel, but the submitter
// stops waiting after the first result: the executor blocks in the second task.
int first_result() {
  Executor ex;
  ex.start();
  auto results = chan::make<int>();
  for (int i = 0; i < 2; ++i)
    ex.submit(Task{[results, i] { results.send(i); }, "report"});
  // CHECK: :[[@LINE-1]]:35: error: the goroutine started at line 23 blocks forever sending on channel 'results': no goroutine is left to receive (a goroutine leak) [CH201 blocked-send-leak]
  int first = results.recv();
  ex.shutdown();
  return first;
}

// ---- nothing below may be reported ----

// The task's callback closes 'done': the wait for it returns.
void run_task_that_closes() {
  Executor ex;
  ex.start();
  auto done = chan::make<chan::Unit>();
  ex.submit(Task{[done] { done.close(); }, "close"});
  done.recv();
  ex.shutdown();
}

// A request carries the channel its answer comes back on.
void server(chan::Chan<Request> requests) {
  for (Request r : requests)
    r.reply.send(r.key * 2);
}

int lookup(chan::Chan<Request> requests, int key) {
  auto reply = chan::make<int>();
  requests.send(Request{key, reply});
  return reply.recv();
}

void lookup_main() {
  auto requests = chan::make<Request>();
  chan::go([requests] { server(requests); });
  lookup(requests, 1);
  lookup(requests, 2);
  requests.close();
}
