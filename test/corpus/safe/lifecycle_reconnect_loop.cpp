// corpus: safe/lifecycle_reconnect_loop
// origin: precision suite
// mechanism: a Client reconnects in a loop: disconnect() closes the per-connection `acks` channel (ending that connection's reader goroutine) and connect() assigns a newly made channel to the same member before the next send, so sends and closes always target the channel of the live connection; a WaitGroup lets shutdown wait for every reader.
// run: exit0
#include <chan/chan.hpp>

#include <atomic>

class Client {
 public:
  void connect() {
    acks_ = chan::make<int>(4);
    readers_.add(1);
    chan::go([this, acks = acks_] {
      for (int id : acks)
        acked_ += id;
      readers_.done();
    });
    connected_ = true;
  }

  void disconnect() {
    if (!connected_) return;
    acks_.close();
    connected_ = false;
  }

  void ack(int id) {
    if (!connected_) connect();
    acks_.send(id);
  }

  int shutdown() {
    disconnect();
    readers_.wait();
    return acked_.load();
  }

 private:
  chan::Chan<int> acks_;
  bool connected_ = false;
  chan::WaitGroup readers_;
  std::atomic<int> acked_{0};
};

int main() {
  Client client;
  client.connect();
  int expected = 0;
  for (int attempt = 0; attempt < 4; ++attempt) {
    for (int id = 1; id <= 3; ++id) {
      client.ack(id);
      expected += id;
    }
    client.disconnect();  // the server dropped us; the next ack() reconnects
  }
  client.disconnect();  // already disconnected: no second close
  return client.shutdown() == expected ? 0 : 1;
}
