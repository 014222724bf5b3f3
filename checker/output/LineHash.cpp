// GitHub code scanning's primaryLocationLineHash, computed the way the
// codeql-action upload step computes it (src/fingerprints.ts there), so a
// SARIF file uploaded through the REST API, where nobody adds it, matches
// alerts uploaded through the action instead of duplicating them.
//
// The algorithm: the file is read as UTF-16 code units (Node's UTF-8
// decoding); spaces and tabs are skipped; CR and CRLF become LF; a 65535
// marks the end of the file.  Each line's hash is a polynomial rolling hash
// (base 37, 64-bit wrap-around) of the 100 characters that start at the
// line, padded with zeros at the end; it is written as lower-case hex without
// leading zeros, followed by ":n", n counting the lines so far with the same
// hash (from 1).
#include "chcheck/Output.h"

#include <array>
#include <cstdio>
#include <cstdint>
#include <map>

namespace chcheck {
namespace {

constexpr std::size_t kBlock = 100;
constexpr std::uint64_t kBase = 37;
constexpr std::uint32_t kEndOfFile = 65535;

// Decodes UTF-8 into UTF-16 code units as a WHATWG decoder (Node's) does:
// an invalid sequence becomes U+FFFD for each maximal invalid subpart.
template <typename Sink> void utf16Units(std::string_view text, Sink &&sink) {
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < text.size()) {
    unsigned char b = byte(i);
    if (b < 0x80) {
      sink(b);
      ++i;
      continue;
    }
    std::size_t need = 0;
    std::uint32_t cp = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      cp = b & 0x0F;
      if (b == 0xE0)
        lo = 0xA0;
      if (b == 0xED)
        hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      cp = b & 0x07;
      if (b == 0xF0)
        lo = 0x90;
      if (b == 0xF4)
        hi = 0x8F;
    } else {
      sink(0xFFFD);
      ++i;
      continue;
    }
    std::size_t k = i + 1;
    bool ok = true;
    for (std::size_t n = 0; n < need; ++n, ++k) {
      if (k >= text.size() || byte(k) < lo || byte(k) > hi) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (byte(k) & 0x3F);
      lo = 0x80;
      hi = 0xBF;
    }
    if (!ok) {
      sink(0xFFFD); // the lead byte and the valid continuation bytes before the error
      i = k;
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      sink(0xD800 + (cp >> 10));
      sink(0xDC00 + (cp & 0x3FF));
    } else {
      sink(cp);
    }
    i = k;
  }
}

} // namespace

std::vector<std::string> primaryLocationLineHashes(std::string_view text) {
  std::uint64_t firstMod = 1;
  for (std::size_t i = 0; i < kBlock; ++i)
    firstMod *= kBase;

  std::array<std::uint32_t, kBlock> window{};
  std::array<long, kBlock> lineAt; // the line starting at this window slot, or -1
  lineAt.fill(-1);
  std::uint64_t hash = 0;
  std::size_t index = 0;
  long lineNumber = 0;
  bool lineStart = true, previousCR = false;
  std::map<std::uint64_t, unsigned> counts;
  std::vector<std::string> hashes;

  auto output = [&] {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(hash));
    unsigned n = ++counts[hash];
    std::size_t line = static_cast<std::size_t>(lineAt[index]);
    if (hashes.size() < line)
      hashes.resize(line);
    hashes[line - 1] = std::string(hex) + ":" + std::to_string(n);
    lineAt[index] = -1;
  };
  auto update = [&](std::uint32_t c) {
    std::uint32_t leaving = window[index];
    window[index] = c;
    hash = kBase * hash + c - firstMod * leaving;
    index = (index + 1) % kBlock;
  };
  auto process = [&](std::uint32_t c) {
    if (c == ' ' || c == '\t' || (previousCR && c == '\n')) {
      previousCR = false;
      return;
    }
    previousCR = c == '\r';
    if (c == '\r')
      c = '\n';
    if (lineAt[index] != -1)
      output();
    if (lineStart) {
      lineStart = false;
      lineAt[index] = ++lineNumber;
    }
    if (c == '\n')
      lineStart = true;
    update(c);
  };

  utf16Units(text, process);
  process(kEndOfFile);
  for (std::size_t i = 0; i < kBlock; ++i) {
    if (lineAt[index] != -1)
      output();
    update(0);
  }
  return hashes;
}

} // namespace chcheck
