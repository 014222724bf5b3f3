// corpus: safe/lifecycle_sendchan_param
// origin: precision suite
// mechanism: producers take a chan::SendChan<T> parameter (Go's chan<- T), send their values and close the view; the bidirectional channel converts to the view at the call (a copy aliasing the same channel), and the consumer receives through a chan::RecvChan<T> until the close.
// run: exit0
#include <chan/chan.hpp>

#include <map>
#include <string>

struct Reading {
  std::string sensor;
  double value = 0;
};

void poll_sensor(chan::SendChan<Reading> out, std::string name, int samples) {
  for (int i = 0; i < samples; ++i)
    out.send({name, 20.0 + i});
  out.close();
}

std::map<std::string, double> average(chan::RecvChan<Reading> in) {
  std::map<std::string, double> sum;
  std::map<std::string, int> count;
  for (const Reading& r : in) {
    sum[r.sensor] += r.value;
    ++count[r.sensor];
  }
  for (auto& [name, total] : sum)
    total /= count[name];
  return sum;
}

int main() {
  auto readings = chan::make<Reading>(3);
  chan::go(poll_sensor, readings, std::string("boiler"), 5);
  const auto avg = average(readings);

  // The same producer called directly with a view made by hand.
  auto more = chan::make<Reading>(2);
  chan::SendChan<Reading> tx = more;
  poll_sensor(tx, "attic", 2);
  const auto attic = average(more);

  return avg.at("boiler") == 22.0 && attic.at("attic") == 20.5 ? 0 : 1;
}
