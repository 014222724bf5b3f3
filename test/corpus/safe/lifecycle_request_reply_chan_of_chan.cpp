// corpus: safe/lifecycle_request_reply_chan_of_chan
// origin: precision suite
// mechanism: a key-value server receives Request structs carrying their own reply channel (a channel of channels); each reply channel is buffered(1), made by the client per call, replied to once by the server and never closed; the client closes the request channel when done and the server goroutine ends at that close.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <optional>
#include <string>

struct Request {
  std::string key;
  std::optional<int> put;           // set: a write; empty: a read
  chan::Chan<std::optional<int>> reply;
};

void serve(chan::RecvChan<Request> requests, chan::Chan<chan::Unit> stopped) {
  std::map<std::string, int> store;
  for (Request req : requests) {
    if (req.put) {
      store[req.key] = *req.put;
      req.reply.send(req.put);
    } else {
      auto it = store.find(req.key);
      req.reply.send(it == store.end() ? std::nullopt : std::optional<int>(it->second));
    }
  }
  stopped.close();
}

class KvClient {
 public:
  explicit KvClient(chan::Chan<Request> requests) : requests_(std::move(requests)) {}
  std::optional<int> call(std::string key, std::optional<int> put = std::nullopt) {
    auto reply = chan::make<std::optional<int>>(1);
    requests_.send(Request{std::move(key), put, reply});
    return reply.recv();
  }
  void close() { requests_.close(); }

 private:
  chan::Chan<Request> requests_;
};

int main() {
  auto requests = chan::make<Request>();
  auto stopped = chan::make<chan::Unit>();
  chan::go(serve, requests, stopped);

  KvClient client(requests);
  client.call("a", 1);
  client.call("b", 2);
  const auto a = client.call("a");
  const auto missing = client.call("zzz");
  client.close();
  stopped.recv();

  return a == 1 && !missing ? 0 : 1;
}
