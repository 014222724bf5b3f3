// corpus: safe/blocking_backpressure_bounded_queue
// origin: precision suite
// mechanism: a fast producer and a slow consumer share a small buffered channel: the producer blocks whenever the buffer is full (backpressure) and resumes when the consumer takes an item; the producer closes after its last item and the consumer ranges to the close, so each blocking send is eventually matched.
// run: exit0
#include <chan/chan.hpp>

#include <chrono>
#include <thread>
#include <vector>

struct Frame {
  int seq = 0;
  std::vector<unsigned char> pixels;
};

class Encoder {
 public:
  explicit Encoder(chan::RecvChan<Frame> frames) : frames_(std::move(frames)) {}

  std::size_t encode_all() {
    std::size_t bytes = 0;
    int expected = 0;
    for (const Frame& f : frames_) {
      if (f.seq != expected++) return 0;  // frames must arrive in order
      std::this_thread::sleep_for(std::chrono::microseconds(200));  // slow codec
      bytes += f.pixels.size() / 2;
    }
    return bytes;
  }

 private:
  chan::RecvChan<Frame> frames_;
};

void capture(chan::SendChan<Frame> out, int frames) {
  for (int i = 0; i < frames; ++i)
    out.send(Frame{i, std::vector<unsigned char>(64, static_cast<unsigned char>(i))});
  out.close();
}

int main() {
  auto frames = chan::make<Frame>(3);  // at most 3 frames in flight
  chan::go(capture, frames, 50);
  Encoder encoder(frames);
  return encoder.encode_all() == 50 * 32 ? 0 : 1;
}
