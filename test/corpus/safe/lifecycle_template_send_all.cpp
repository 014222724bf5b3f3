// corpus: safe/lifecycle_template_send_all
// origin: precision suite
// mechanism: generic helpers templated on the element type and the range (send_all sends every element then closes; collect ranges until the close) are instantiated for several types, from a goroutine and synchronously; each instantiation closes its own channel once after its loop.
// run: exit0
#include <chan/chan.hpp>

#include <list>
#include <string>
#include <vector>

template <class T, class Range>
void send_all(chan::Chan<T> out, const Range& items) {
  for (const auto& item : items)
    out.send(T(item));
  out.close();
}

template <class T>
std::vector<T> collect(chan::RecvChan<T> in) {
  std::vector<T> out;
  for (T v : in)
    out.push_back(std::move(v));
  return out;
}

template <class T, class Range>
std::vector<T> round_trip(const Range& items, bool concurrently) {
  auto ch = chan::make<T>(concurrently ? 0 : items.size());
  if (concurrently)
    chan::go([ch, items] { send_all<T>(ch, items); });
  else
    send_all<T>(ch, items);
  return collect<T>(ch);
}

int main() {
  const std::vector<int> ints{3, 1, 4, 1, 5};
  const std::list<const char*> names{"ada", "grace", "barbara"};

  auto a = round_trip<int>(ints, true);
  auto b = round_trip<long>(ints, false);
  auto c = round_trip<std::string>(names, true);
  auto d = round_trip<std::string>(names, false);

  return a.size() == 5 && b.back() == 5L && c[1] == "grace" && d.size() == 3 ? 0 : 1;
}
