// corpus: safe/blocking_unbuffered_ping_pong
// origin: precision suite
// mechanism: two Player objects pass a Ball back and forth over unbuffered channels for a fixed number of hits known to both; the player who makes the last hit sends the ball to the referee instead, so every send has a receiver and both players return.
// run: exit0
#include <chan/chan.hpp>

#include <string>

struct Ball {
  int hits = 0;
  std::string last;
};

class Player {
 public:
  Player(std::string name, chan::Chan<Ball> in, chan::Chan<Ball> out, chan::Chan<Ball> referee, int max_hits)
      : name_(std::move(name)), in_(in), out_(out), referee_(referee), max_hits_(max_hits) {}

  void play() const {
    for (;;) {
      Ball b = in_.recv();
      ++b.hits;
      b.last = name_;
      if (b.hits == max_hits_) {
        referee_.send(b);
        return;
      }
      out_.send(b);
      if (b.hits + 1 == max_hits_) return;  // the other player makes the last hit
    }
  }

 private:
  std::string name_;
  chan::Chan<Ball> in_, out_, referee_;
  int max_hits_;
};

int main() {
  const int kHits = 9;
  auto to_ping = chan::make<Ball>(), to_pong = chan::make<Ball>(), referee = chan::make<Ball>();
  Player ping("ping", to_ping, to_pong, referee, kHits);
  Player pong("pong", to_pong, to_ping, referee, kHits);
  chan::go(&Player::play, &ping);
  // pong may still be reading its Player after ping's last hit: main waits
  // for it before the Players go out of scope.
  auto pong_done = chan::make<chan::Unit>();
  chan::go([&pong, pong_done] {
    pong.play();
    pong_done.close();
  });

  to_ping.send(Ball{});
  const Ball final_ball = referee.recv();
  pong_done.recv();
  return final_ball.hits == kHits && final_ball.last == "ping" ? 0 : 1;
}
