// corpus: safe/lifecycle_method_producer_member
// origin: precision suite
// mechanism: a Tokenizer object owns its output channel as a member; its run() method sends every token in a loop and then closes the member, and it is started as a goroutine through a lambda capturing the object; the consumer ranges over the output view until the close.
// run: exit0
#include <chan/chan.hpp>

#include <cctype>
#include <string>
#include <vector>

class Tokenizer {
 public:
  explicit Tokenizer(std::string text) : text_(std::move(text)), tokens_(chan::make<std::string>(2)) {}

  chan::RecvChan<std::string> tokens() const { return tokens_; }

  void run() {
    std::string word;
    for (char c : text_) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        flush(word);
      } else {
        word.push_back(c);
      }
    }
    flush(word);
    tokens_.close();  // after the last send of flush()
  }

 private:
  void flush(std::string& word) {
    if (word.empty()) return;
    tokens_.send(word);
    word.clear();
  }

  std::string text_;
  chan::Chan<std::string> tokens_;
};

int main() {
  Tokenizer tokenizer("the quick  brown fox\tjumps over the lazy dog");
  chan::go([&tokenizer] { tokenizer.run(); });

  std::vector<std::string> words;
  for (std::string w : tokenizer.tokens())
    words.push_back(std::move(w));

  // A second tokenizer run synchronously: its two tokens fit the buffer of
  // two, so run() returns before anyone receives.
  Tokenizer small("a b");
  small.run();
  int more = 0;
  for (const std::string& w : small.tokens())
    more += static_cast<int>(w.size());

  return words.size() == 9 && words[3] == "fox" && more == 2 ? 0 : 1;
}
