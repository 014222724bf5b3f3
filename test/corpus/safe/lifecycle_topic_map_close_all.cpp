// corpus: safe/lifecycle_topic_map_close_all
// origin: precision suite
// mechanism: a Broker keeps a std::map from topic name to channel; subscribe() creates a topic channel on first use, publish() sends to the named topic's channel, and close() walks the map and closes each channel exactly once; every subscriber ranges over its topic until that close.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <mutex>
#include <string>

class Broker {
 public:
  chan::RecvChan<std::string> subscribe(const std::string& topic) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) it = topics_.emplace(topic, chan::make<std::string>(4)).first;
    return it->second;
  }

  void publish(const std::string& topic, std::string msg) {
    chan::Chan<std::string> ch;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = topics_.find(topic);
      if (it == topics_.end()) return;  // nobody listens
      ch = it->second;
    }
    ch.send(std::move(msg));  // outside the lock: the send may block
  }

  void close() {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [name, ch] : topics_)
      ch.close();
    topics_.clear();
  }

 private:
  std::mutex mu_;
  std::map<std::string, chan::Chan<std::string>> topics_;
};

int main() {
  Broker broker;
  chan::WaitGroup wg;
  auto tally = chan::make<int>(2);
  for (const char* topic : {"orders", "alerts"}) {
    auto sub = broker.subscribe(topic);
    wg.add(1);
    chan::go([sub, tally, &wg] {
      int n = 0;
      for (const std::string& m : sub)
        n += static_cast<int>(m.size());
      tally.send(n);
      wg.done();
    });
  }

  broker.publish("orders", "o1");
  broker.publish("alerts", "disk full");
  broker.publish("metrics", "dropped: no subscriber");
  broker.publish("orders", "o2");
  broker.close();
  wg.wait();
  const int total = tally.recv() + tally.recv();
  return total == 2 + 9 + 2 ? 0 : 1;
}
