#include "Baseline.h"

#include "FileUtil.h"
#include "Options.h"

#include <nlohmann/json.hpp>

namespace chcheck::cli {

constexpr const char *kFormat = "chcheck-baseline";
constexpr int kVersion = 1;

std::map<std::string, unsigned> Baseline::counts() const {
  std::map<std::string, unsigned> counts;
  for (const BaselineEntry &e : entries)
    ++counts[e.fingerprint];
  return counts;
}

Baseline readBaseline(const std::string &path) {
  std::string error;
  auto text = readInput(path, error);
  const std::string prefix = "cannot read baseline " + path + ": ";
  if (!text)
    throw UsageError{prefix + error};
  Baseline baseline;
  try {
    auto doc = nlohmann::json::parse(*text);
    if (!doc.is_object() || doc.value("format", "") != kFormat)
      throw UsageError{prefix + "not a chcheck baseline (no \"format\": \"" + kFormat + "\")"};
    if (doc.value("version", 0) != kVersion)
      throw UsageError{prefix + "baseline version " + doc["version"].dump() +
                       " is not supported (this chcheck writes version " +
                       std::to_string(kVersion) + ")"};
    for (const auto &f : doc.at("findings")) {
      BaselineEntry e;
      e.fingerprint = f.at("fingerprint").get<std::string>();
      e.ruleId = f.value("ruleId", "");
      e.file = f.value("file", "");
      e.line = f.value("line", 0u);
      e.function = f.value("function", "");
      e.message = f.value("message", "");
      baseline.entries.push_back(std::move(e));
    }
  } catch (const nlohmann::json::parse_error &e) {
    throw UsageError{prefix + (e.byte >= text->size() ? "the JSON ends early (a truncated file?)"
                                                      : "not valid JSON")};
  } catch (const nlohmann::json::exception &e) {
    throw UsageError{prefix + "malformed finding entry (" + e.what() + ")"};
  }
  return baseline;
}

std::string baselineText(const std::vector<BaselineEntry> &entries,
                         const std::string &toolVersion) {
  using ojson = nlohmann::ordered_json;
  ojson doc;
  doc["format"] = kFormat;
  doc["version"] = kVersion;
  doc["tool"] = {{"name", "chcheck"}, {"version", toolVersion}};
  doc["findings"] = ojson::array();
  for (const BaselineEntry &e : entries)
    doc["findings"].push_back({{"fingerprint", e.fingerprint},
                               {"ruleId", e.ruleId},
                               {"file", e.file},
                               {"line", e.line},
                               {"function", e.function},
                               {"message", e.message}});
  return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

} // namespace chcheck::cli
