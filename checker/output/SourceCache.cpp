#include "chcheck/Output.h"
#include "OutputCommon.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace chcheck {

const SourceCache::File &SourceCache::load(const std::string &file) {
  auto it = files_.find(file);
  if (it != files_.end())
    return it->second;
  File entry;
  std::ifstream in(file, std::ios::binary);
  if (in) {
    entry.readable = true;
    std::string text;
    while (std::getline(in, text)) {
      if (!text.empty() && text.back() == '\r')
        text.pop_back();
      entry.lines.push_back(std::move(text));
    }
  }
  return files_.emplace(file, std::move(entry)).first->second;
}

std::optional<std::string> SourceCache::line(const std::string &file, unsigned line) {
  const File &f = load(file);
  if (!f.readable || line == 0 || line > f.lines.size())
    return std::nullopt;
  return f.lines[line - 1];
}

std::optional<std::string> relativeToRoot(const std::string &path, const std::string &srcroot) {
  if (srcroot.empty())
    return std::nullopt;
  std::string root = srcroot;
  if (root.back() != '/')
    root += '/';
  if (path.size() > root.size() && path.compare(0, root.size(), root) == 0)
    return path.substr(root.size());
  return std::nullopt;
}

const char *severityText(Severity s) {
  switch (s) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Note: return "note";
  }
  return "warning";
}

const RuleInfo *ruleOf(const std::vector<RuleInfo> &catalog, const std::string &id) {
  for (const auto &r : catalog)
    if (r.id == id)
      return &r;
  return nullptr;
}

namespace {
// FNV-1a, 64 bits; two different offset bases give 128 bits of fingerprint.
std::uint64_t fnv1a(std::string_view data, std::uint64_t basis) {
  std::uint64_t h = basis;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}
} // namespace

std::vector<std::string> fingerprints(const std::vector<Finding> &findings, SourceCache &sources,
                                      const std::string &srcroot) {
  std::vector<std::string> result;
  std::unordered_map<std::string, unsigned> seen;
  for (const Finding &f : findings) {
    std::string normalized;
    if (auto text = sources.line(f.loc.file, f.loc.line))
      for (char c : *text)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\v' && c != '\f')
          normalized += c;
    std::string file = relativeToRoot(f.loc.file, srcroot).value_or(f.loc.file);
    // Unit separators keep field boundaries unambiguous.
    std::string key = f.ruleId + '\x1f' + file + '\x1f' + f.function + '\x1f' + f.subject +
                      '\x1f' + normalized;
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx",
                  static_cast<unsigned long long>(fnv1a(key, 0xcbf29ce484222325ULL)),
                  static_cast<unsigned long long>(fnv1a(key, 0x84222325cbf29ce4ULL)));
    unsigned occurrence = seen[hex]++;
    result.push_back(std::string(hex) + ":" + std::to_string(occurrence));
  }
  return result;
}

} // namespace chcheck
