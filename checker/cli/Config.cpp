#include "Config.h"

#include "FileUtil.h"
#include "Glob.h"
#include "Options.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/YAMLParser.h>

#include <filesystem>
#include <sys/stat.h>

namespace chcheck::cli {
namespace {

namespace yaml = llvm::yaml;

class ConfigParser {
public:
  ConfigParser(const std::string &path, const std::string &text)
      : path_(path), stream_(text, sources_, /*ShowColors=*/false) {
    sources_.setDiagHandler(
        [](const llvm::SMDiagnostic &d, void *self) {
          auto *parser = static_cast<ConfigParser *>(self);
          if (parser->firstError_.empty())
            parser->firstError_ = parser->path_ + ":" + std::to_string(d.getLineNo()) + ":" +
                                  std::to_string(d.getColumnNo() + 1) + ": " +
                                  d.getMessage().str();
        },
        this);
  }

  Config parse() {
    Config config;
    config.path = path_;
    config.directory = std::filesystem::path(path_).parent_path().string();
    auto doc = stream_.begin();
    yaml::Node *root = doc == stream_.end() ? nullptr : doc->getRoot();
    check();
    if (!root || llvm::isa<yaml::NullNode>(root))
      return config; // an empty file sets nothing
    auto *map = llvm::dyn_cast<yaml::MappingNode>(root);
    if (!map)
      fail(root, "the top level must be a mapping of settings");
    for (yaml::KeyValueNode &entry : *map) {
      std::string key = scalar(entry.getKey());
      yaml::Node *value = entry.getValue();
      check();
      if (key == "enable")
        config.enable = list(value);
      else if (key == "disable")
        config.disable = list(value);
      else if (key == "exclude")
        config.exclude = list(value);
      else if (key == "fail-on") {
        std::string v = scalar(value);
        if (v == "error")
          config.failOn = Severity::Error;
        else if (v == "warning")
          config.failOn = Severity::Warning;
        else if (v == "note")
          config.failOn = Severity::Note;
        else
          fail(value, "fail-on must be error, warning or note, not '" + v + "'");
      } else if (key == "state-budget") {
        std::string v = scalar(value);
        if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos ||
            std::stoull(v) == 0)
          fail(value, "state-budget must be a positive number, not '" + v + "'");
        config.stateBudget = std::stoull(v);
      } else {
        fail(entry.getKey(), "unknown setting '" + key +
                                 "' (known: enable, disable, fail-on, exclude, state-budget)");
      }
    }
    check();
    if (++doc != stream_.end())
      fail(nullptr, "more than one YAML document");
    return config;
  }

private:
  [[noreturn]] void fail(yaml::Node *node, const std::string &message) {
    std::string where = path_;
    if (node) {
      auto [line, column] = sources_.getLineAndColumn(node->getSourceRange().Start);
      where += ":" + std::to_string(line) + ":" + std::to_string(column);
    }
    throw UsageError{where + ": " + message};
  }
  void check() {
    if (!firstError_.empty())
      throw UsageError{firstError_};
  }
  std::string scalar(yaml::Node *node) {
    check();
    auto *s = llvm::dyn_cast_or_null<yaml::ScalarNode>(node);
    if (!s)
      fail(node, "expected a single value");
    llvm::SmallString<64> storage;
    return s->getValue(storage).str();
  }
  // A sequence of values, or one value (a comma-separated list, as on the
  // command line).
  std::vector<std::string> list(yaml::Node *node) {
    std::vector<std::string> items;
    if (auto *seq = llvm::dyn_cast_or_null<yaml::SequenceNode>(node)) {
      for (yaml::Node &item : *seq)
        items.push_back(scalar(&item));
      return items;
    }
    std::string text = scalar(node);
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t comma = text.find(',', start);
      std::string item = text.substr(start, comma == std::string::npos ? comma : comma - start);
      auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
      if (b != std::string::npos)
        items.push_back(item.substr(b, e - b + 1));
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
    return items;
  }

  std::string path_;
  llvm::SourceMgr sources_;
  yaml::Stream stream_;
  std::string firstError_;
};

} // namespace

bool Config::excludes(const std::string &file) const {
  std::string root = directory.back() == '/' ? directory : directory + "/";
  if (file.compare(0, root.size(), root) != 0)
    return false;
  std::string relative = file.substr(root.size());
  std::string name = relative.substr(relative.rfind('/') + 1);
  for (std::string glob : exclude) {
    if (!glob.empty() && glob.back() == '/')
      glob += "**";
    if (glob.rfind("./", 0) == 0)
      glob = glob.substr(2);
    bool hasSlash = glob.find('/') != std::string::npos;
    if (globMatch(glob, hasSlash ? relative : name))
      return true;
  }
  return false;
}

Config parseConfig(const std::string &path, const std::string &text) {
  return ConfigParser(path, text).parse();
}

const Config *ConfigFinder::forFile(const std::string &file) {
  return forDirectory(std::filesystem::path(file).parent_path().string());
}

const Config *ConfigFinder::forDirectory(const std::string &directory) {
  auto it = byDirectory_.find(directory);
  if (it != byDirectory_.end())
    return it->second.get();
  std::shared_ptr<const Config> found;
  std::string candidate = (std::filesystem::path(directory) / ".chcheck.yaml").string();
  struct stat st;
  if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    std::string error;
    auto text = readInput(candidate, error);
    if (!text)
      throw UsageError{"cannot read " + candidate + ": " + error};
    found = std::make_shared<const Config>(parseConfig(candidate, *text));
  } else {
    std::string parent = std::filesystem::path(directory).parent_path().string();
    if (!parent.empty() && parent != directory) {
      forDirectory(parent);
      found = byDirectory_[parent];
    }
  }
  byDirectory_[directory] = found;
  return found.get();
}

} // namespace chcheck::cli
