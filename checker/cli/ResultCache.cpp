#include "ResultCache.h"

#include "FileUtil.h"
#include "Hash.h"
#include "ResultCodec.h"

#include <llvm/Support/FileSystem.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <vector>

namespace chcheck::cli {

namespace fs = std::filesystem;

ResultCache::ResultCache(std::string directory, std::uint64_t maxBytes, std::string toolId)
    : directory_(std::move(directory)), maxBytes_(maxBytes), toolId_(std::move(toolId)) {}

bool ResultCache::open(std::string &error) {
  std::error_code ec;
  fs::create_directories(fs::path(directory_) / "results", ec);
  if (ec) {
    error = "cannot use the cache directory " + directory_ + ": " + ec.message();
    return false;
  }
  // Backup and archiving tools skip directories tagged like this.
  fs::path tag = fs::path(directory_) / "CACHEDIR.TAG";
  if (!fs::exists(tag, ec)) {
    std::string ignored;
    writeAtomically(tag.string(),
                    "Signature: 8a477f597d28d172789f06886806bc55\n"
                    "# chcheck's result cache; see docs/ci.md.\n",
                    ignored);
  }
  return true;
}

std::string ResultCache::currentToolId() {
  std::string self = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  return std::string(CHCHECK_VERSION) + "/" + fileContentHash(self).value_or("unknown");
}

std::string ResultCache::key(const CompileCommand &command, const EngineOptions &options) const {
  ContentHasher h;
  h.add("chcheck-result-cache/1").add(toolId_);
  for (const std::string &rule : options.enabledRules)
    h.add(rule);
  h.add(std::to_string(options.stateBudget));
  h.add(command.file).add(command.directory);
  for (const std::string &arg : command.arguments)
    h.add(arg);
  return h.hex();
}

std::string ResultCache::entryPath(const std::string &key) const {
  return (fs::path(directory_) / "results" / key.substr(0, 2) / (key + ".json")).string();
}

std::string ResultCache::summariesPath(const std::string &key) const {
  return (fs::path(directory_) / "facts" / key.substr(0, 2) / (key + ".json")).string();
}

const std::string &ResultCache::fileHash(const std::string &path) {
  auto it = fileHashes_.find(path);
  if (it != fileHashes_.end())
    return it->second;
  std::string error;
  auto text = readInput(path, error);
  // A file that is gone matches no recorded hash.
  return fileHashes_.emplace(path, text ? contentHash(*text) : "missing").first->second;
}

std::optional<TuResult> ResultCache::read(const std::string &path) {
  std::string error;
  auto text = readInput(path, error);
  if (!text)
    return std::nullopt;
  auto result = decodeResult(*text);
  if (!result) // damaged (a disk full during a write of an older version)
    return std::nullopt;
  for (const FileDigest &d : result->files)
    if (fileHash(d.path) != d.hash)
      return std::nullopt;
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0); // recently used
  return result;
}

std::optional<TuResult> ResultCache::lookup(const std::string &key, bool withSummaries) {
  auto result = read(entryPath(key));
  if (result && withSummaries) {
    std::string error;
    result->summaries = readInput(summariesPath(key), error);
    if (!result->summaries)
      return std::nullopt;
    ::utimensat(AT_FDCWD, summariesPath(key).c_str(), nullptr, 0);
  }
  if (result)
    ++hits_;
  return result;
}

std::optional<TuResult> ResultCache::lookupScan(const std::string &key) {
  return read(entryPath(key + "-includes"));
}

void ResultCache::store(const std::string &key, const TuResult &result) {
  if (!result.error.empty() || result.files.empty())
    return;
  std::string path = entryPath(result.skipped ? key + "-includes" : key), error;
  std::error_code ec;
  if (result.summaries && !result.skipped) {
    // First: a result entry without its summaries is a miss for a
    // whole-project run, never a unit that tells nothing.
    std::string facts = summariesPath(key);
    fs::create_directories(fs::path(facts).parent_path(), ec);
    writeAtomically(facts, *result.summaries, error);
  }
  TuResult entry = result;
  entry.summaries.reset();
  fs::create_directories(fs::path(path).parent_path(), ec);
  writeAtomically(path, encodeResult(entry), error); // a full disk only costs a miss later
}

void ResultCache::evict() {
  struct Entry {
    fs::path path;
    std::uint64_t size;
    fs::file_time_type used;
  };
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  std::error_code ec;
  for (const char *kind : {"results", "facts"}) {
    ec.clear();
    for (auto it = fs::recursive_directory_iterator(fs::path(directory_) / kind, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec))
        continue;
      std::uint64_t size = it->file_size(ec);
      auto used = it->last_write_time(ec);
      if (ec)
        continue; // removed by a concurrent run meanwhile
      entries.push_back({it->path(), size, used});
      total += size;
    }
  }
  ec.clear();
  if (total <= maxBytes_)
    return;
  std::sort(entries.begin(), entries.end(),
            [](const Entry &a, const Entry &b) { return a.used < b.used; });
  // Down to 90% of the cap, so the next runs do not evict again at once.
  for (const Entry &e : entries) {
    if (total <= maxBytes_ / 10 * 9)
      break;
    if (fs::remove(e.path, ec) || ec)
      total -= e.size;
  }
}

} // namespace chcheck::cli
