// The result cache: one entry per compile command, found by a key of
// everything that decides the analysis (chcheck's own binary, the enabled
// rules and options, the compile command) and valid while every file the
// translation unit read still has the content it had (ccache's "direct
// mode": the entry lists the files and their hashes).  Entries are written
// to a temporary file and renamed, so concurrent runs sharing a cache never
// see half an entry; the least recently used are evicted over a size cap.
#pragma once

#include "CompileDb.h"
#include "TuResult.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace chcheck::cli {

class ResultCache {
public:
  // `toolId` identifies the analysis (ResultCache::currentToolId()).
  ResultCache(std::string directory, std::uint64_t maxBytes, std::string toolId);

  // Prepares the directory; false with `error` set if it cannot be used.
  bool open(std::string &error);

  std::string key(const CompileCommand &command, const EngineOptions &options) const;
  // The stored result if every file it read is unchanged; with
  // `withSummaries`, only if its summaries for other units are stored too
  // (a file of their own under facts/, written with the result).
  std::optional<TuResult> lookup(const std::string &key, bool withSummaries = false);
  // Stores an analysed result (not a failure).  A skipped unit's result
  // (diff mode: the files it includes, none changed) is kept apart: it lets
  // the next diff-mode run decide without running the preprocessor.
  void store(const std::string &key, const TuResult &result);
  // The include scan stored for a skipped unit, if its files are unchanged.
  std::optional<TuResult> lookupScan(const std::string &key);
  // Evicts least recently used entries until the cache is under its cap.
  void evict();

  // chcheck's version and a hash of its executable: a rebuilt chcheck never
  // reads a result of another build.
  static std::string currentToolId();

  unsigned hits() const { return hits_; }

private:
  std::string entryPath(const std::string &key) const;
  std::string summariesPath(const std::string &key) const;
  std::optional<TuResult> read(const std::string &path);
  const std::string &fileHash(const std::string &path);

  std::string directory_;
  std::uint64_t maxBytes_;
  std::string toolId_;
  std::map<std::string, std::string> fileHashes_; // this run's hashes of files on disk
  unsigned hits_ = 0;
};

} // namespace chcheck::cli
