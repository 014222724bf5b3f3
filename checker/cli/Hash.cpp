#include "Hash.h"

#include <llvm/Support/BLAKE3.h>

#include <cstdio>

namespace chcheck::cli {

struct ContentHasher::State {
  llvm::BLAKE3 blake3;
};

ContentHasher::ContentHasher() : state_(new State) {}
ContentHasher::~ContentHasher() { delete state_; }

ContentHasher &ContentHasher::add(std::string_view data) {
  std::uint64_t size = data.size(); // length prefix: unambiguous concatenation
  state_->blake3.update(llvm::ArrayRef<std::uint8_t>(
      reinterpret_cast<const std::uint8_t *>(&size), sizeof size));
  state_->blake3.update(llvm::StringRef(data.data(), data.size()));
  return *this;
}

std::string ContentHasher::hex() const {
  auto digest = state_->blake3.final<16>();
  std::string out;
  char byte[3];
  for (std::uint8_t b : digest) {
    std::snprintf(byte, sizeof byte, "%02x", b);
    out += byte;
  }
  return out;
}

std::string contentHash(std::string_view data) { return ContentHasher().add(data).hex(); }

std::optional<std::string> fileContentHash(const std::string &path) {
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f)
    return std::nullopt;
  ContentHasher hasher;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;)
    hasher.add(std::string_view(buffer, n));
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed)
    return std::nullopt;
  return hasher.hex();
}

std::uint64_t stableHash(std::string_view data) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

} // namespace chcheck::cli
