// corpus: safe/lifecycle_close_on_each_return
// origin: precision suite
// mechanism: a chunked reader has several exit paths (empty input, a bad header, a truncated chunk, the normal end) and closes its output channel explicitly right before each return, exactly once per path, after any send on that path.
// run: exit0
#include <chan/chan.hpp>

#include <string>

enum class Status { ok, empty, bad_header, truncated };

Status read_chunks(const std::string& data, chan::Chan<std::string> out) {
  if (data.empty()) {
    out.close();
    return Status::empty;
  }
  if (data[0] != '#') {
    out.close();
    return Status::bad_header;
  }
  std::size_t pos = 1;
  while (pos < data.size()) {
    const std::size_t len = static_cast<std::size_t>(data[pos] - '0');
    if (pos + 1 + len > data.size()) {
      out.close();
      return Status::truncated;
    }
    out.send(data.substr(pos + 1, len));
    pos += 1 + len;
  }
  out.close();
  return Status::ok;
}

struct Outcome {
  Status status;
  int chunks;
};

Outcome run(const std::string& data) {
  auto out = chan::make<std::string>();
  auto status = chan::make<Status>(1);
  chan::go([data, out, status] { status.send(read_chunks(data, out)); });
  int chunks = 0;
  for (const std::string& c : out)
    chunks += c.empty() ? 0 : 1;
  return {status.recv(), chunks};
}

int main() {
  const Outcome a = run("#3abc2de");
  const Outcome b = run("");
  const Outcome c = run("3abc");
  const Outcome d = run("#3abc9xy");
  const bool ok = a.status == Status::ok && a.chunks == 2 && b.status == Status::empty && b.chunks == 0 &&
                  c.status == Status::bad_header && d.status == Status::truncated && d.chunks == 1;
  return ok ? 0 : 1;
}
