// chcheck's own fingerprint of a finding (SARIF partialFingerprints
// "chcheckFingerprint/v2", JSON "fingerprint", baselines).  No line number
// enters it: moving code keeps it, editing the lines it names changes it.
#include "chcheck/Output.h"

#include <cstdint>
#include <cstdio>
#include <string_view>
#include <unordered_map>

namespace chcheck {
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

// The source line with every whitespace character removed: re-indenting or
// re-spacing a line keeps the fingerprint.
std::string normalizedLine(const SourcePoint &p, SourceCache &sources) {
  std::string normalized;
  if (auto text = sources.line(p.file, p.line))
    for (char c : *text)
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\v' && c != '\f')
        normalized += c;
  return normalized;
}

} // namespace

std::vector<std::string> fingerprints(const std::vector<Finding> &findings, SourceCache &sources,
                                      const std::string &srcroot) {
  std::vector<std::string> result;
  std::unordered_map<std::string, unsigned> seen;
  for (const Finding &f : findings) {
    std::string file = relativeToRoot(f.loc.file, srcroot).value_or(f.loc.file);
    // Unit separators keep field boundaries unambiguous; record separators
    // part the witness lines.
    std::string key = f.ruleId + '\x1f' + file + '\x1f' + f.function + '\x1f' + f.subject +
                      '\x1f' + normalizedLine(f.loc, sources);
    for (const PathStep &step : f.path)
      key += '\x1e' + normalizedLine(step.loc, sources);
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
