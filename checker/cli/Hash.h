// Content hashes for the result cache (BLAKE3, 128 bits, hex) and a stable
// 64-bit hash for sharding (FNV-1a: the same on every machine and build).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chcheck::cli {

class ContentHasher {
public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher &) = delete;
  ContentHasher &operator=(const ContentHasher &) = delete;
  // Adds `data` and a separator, so ("ab","c") and ("a","bc") differ.
  ContentHasher &add(std::string_view data);
  std::string hex() const; // 32 hex digits

private:
  struct State;
  State *state_;
};

std::string contentHash(std::string_view data);
// The hash of a file's contents read in chunks (a large binary is never held
// in memory whole); nullopt if it cannot be read.
std::optional<std::string> fileContentHash(const std::string &path);
std::uint64_t stableHash(std::string_view data);

} // namespace chcheck::cli
