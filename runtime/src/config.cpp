// The runtime's settings from the environment (see config.hpp and
// docs/runtime.md, "Settings").
#include "config.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace chan::detail {

namespace {

[[noreturn]] void bad_setting(const char* name, const char* value, const char* expected) {
  std::fflush(stdout);
  std::fprintf(stderr, "chan: %s=%s: %s\n", name, value, expected);
  std::fflush(stderr);
  std::_Exit(2);
}

bool flag(const char* name, bool fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  if (std::strcmp(v, "0") == 0) return false;
  if (std::strcmp(v, "1") == 0) return true;
  bad_setting(name, v, "expected 0 or 1");
}

std::size_t parse_size(const char* name, const char* v) {
  errno = 0;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v, &end, 10);
  if (end == v || errno != 0 || *v == '-') bad_setting(name, v, "expected a size in bytes, with an optional K, M or G suffix");
  unsigned shift = 0;
  std::string_view suffix(end);
  if (suffix == "K" || suffix == "k" || suffix == "KiB") shift = 10;
  else if (suffix == "M" || suffix == "m" || suffix == "MiB") shift = 20;
  else if (suffix == "G" || suffix == "g" || suffix == "GiB") shift = 30;
  else if (!suffix.empty()) bad_setting(name, v, "expected a size in bytes, with an optional K, M or G suffix");
  if (n > (~0ull >> (shift + 1))) bad_setting(name, v, "too large");
  const std::size_t bytes = static_cast<std::size_t>(n << shift);
  if (bytes < settings::min_stack_size) bad_setting(name, v, "below the minimum of 64K");
  return bytes;
}

// "a/b.cpp:12,c.cpp" -> {{"a/b.cpp", 12}, {"c.cpp", 0}}
std::vector<leak_ignore> parse_ignore(const char* name, const char* v) {
  std::vector<leak_ignore> out;
  std::string_view rest(v);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view entry = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (entry.empty()) continue;
    leak_ignore site;
    const std::size_t colon = entry.rfind(':');
    if (colon != std::string_view::npos) {
      std::string_view digits = entry.substr(colon + 1);
      unsigned line = 0;
      for (char c : digits) {
        if (c < '0' || c > '9' || line > 100000000) bad_setting(name, v, "expected file or file:line entries separated by commas");
        line = line * 10 + static_cast<unsigned>(c - '0');
      }
      if (digits.empty() || line == 0) bad_setting(name, v, "expected file or file:line entries separated by commas");
      site.line = line;
      entry = entry.substr(0, colon);
    }
    if (entry.empty()) bad_setting(name, v, "expected file or file:line entries separated by commas");
    site.file = std::string(entry);
    out.push_back(std::move(site));
  }
  return out;
}

settings read_settings() {
  settings s;
  if (const char* v = std::getenv("CHAN_DEADLOCK"); v && *v) {
    if (std::strcmp(v, "abort") == 0) s.deadlock_abort = true;
    else if (std::strcmp(v, "warn") != 0) bad_setting("CHAN_DEADLOCK", v, "expected abort or warn");
  }
  s.sigquit_dump = flag("CHAN_SIGQUIT", true);
  if (const char* v = std::getenv("CHAN_SNAPSHOT_FILE"); v && *v) s.snapshot_file = v;
  if (const char* v = std::getenv("CHAN_LEAKCHECK"); v && *v && std::strcmp(v, "0") != 0) s.leakcheck = true;
  if (const char* v = std::getenv("CHAN_LEAKCHECK_IGNORE"); v && *v)
    s.leakcheck_ignore = parse_ignore("CHAN_LEAKCHECK_IGNORE", v);
  if (const char* v = std::getenv("CHAN_STACK_SIZE"); v && *v) s.stack_size = parse_size("CHAN_STACK_SIZE", v);
  return s;
}

}  // namespace

const settings& config() {
  static const settings& s = *new settings(read_settings());  // leaked: read by threads during exit
  return s;
}

}  // namespace chan::detail
