// corpus: safe/lifecycle_shared_ptr_stream
// origin: precision suite
// mechanism: a Stream lives in a std::shared_ptr shared by the writer goroutine and the reader; the writer pushes chunks through stream->write() and ends with stream->finish(), which closes the member channel once after the last write; the reader holds its own copy of the shared_ptr and ranges until the close.
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <numeric>
#include <string>
#include <vector>

class Stream {
 public:
  explicit Stream(std::size_t window) : chunks_(chan::make<std::vector<char>>(window)) {}

  void write(const std::string& data) { chunks_.send(std::vector<char>(data.begin(), data.end())); }
  void finish() { chunks_.close(); }
  chan::RecvChan<std::vector<char>> chunks() const { return chunks_; }

 private:
  chan::Chan<std::vector<char>> chunks_;
};

std::size_t read_all(const std::shared_ptr<Stream>& stream) {
  std::size_t total = 0;
  for (const std::vector<char>& chunk : stream->chunks())
    total += chunk.size();
  return total;
}

int main() {
  auto stream = std::make_shared<Stream>(2);
  const std::vector<std::string> parts{"HTTP/1.1 200 OK\r\n", "Content-Length: 5\r\n", "\r\n", "hello"};

  chan::WaitGroup wg;
  wg.add(1);
  chan::go([writer = stream, parts, &wg] {
    for (const std::string& p : parts)
      writer->write(p);
    writer->finish();
    wg.done();
  });

  const std::size_t got = read_all(stream);
  wg.wait();
  const std::size_t want = std::accumulate(parts.begin(), parts.end(), std::size_t{0},
                                           [](std::size_t n, const std::string& s) { return n + s.size(); });
  return got == want ? 0 : 1;
}
