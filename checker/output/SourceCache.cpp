#include "chcheck/Output.h"
#include "OutputCommon.h"

#include <fstream>
#include <sstream>

namespace chcheck {

const SourceCache::File &SourceCache::load(const std::string &file) {
  auto it = files_.find(file);
  if (it != files_.end())
    return it->second;
  File entry;
  std::ifstream in(file, std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    entry.readable = !in.bad();
    entry.text = text.str();
    std::istringstream lines(entry.text);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r')
        line.pop_back();
      entry.lines.push_back(std::move(line));
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

const std::string *SourceCache::contents(const std::string &file) {
  const File &f = load(file);
  return f.readable ? &f.text : nullptr;
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

} // namespace chcheck
