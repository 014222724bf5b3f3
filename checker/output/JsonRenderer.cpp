// chcheck's own JSON output; the schema is docs/chcheck-output.schema.json.
// Bump kFormatVersion on any incompatible change (a removed or retyped field);
// adding fields keeps the version.
#include "chcheck/Output.h"
#include "OutputCommon.h"

#include <nlohmann/json.hpp>

namespace chcheck {
namespace {

constexpr int kFormatVersion = 1;
using ojson = nlohmann::ordered_json;

ojson location(const SourcePoint &p, const std::string &srcroot) {
  ojson loc;
  loc["file"] = p.file;
  if (auto rel = relativeToRoot(p.file, srcroot))
    loc["relativeFile"] = *rel;
  else
    loc["relativeFile"] = nullptr;
  loc["line"] = p.line;
  loc["column"] = p.column;
  return loc;
}

ojson step(const PathStep &s, const std::string &srcroot) {
  return {{"message", s.message}, {"location", location(s.loc, srcroot)}, {"nesting", s.nesting}};
}

} // namespace

void renderJson(std::ostream &out, const std::vector<Finding> &findings,
                const std::vector<ToolError> &errors, const std::vector<RuleInfo> &catalog,
                SourceCache &sources, const RenderOptions &options) {
  std::vector<std::string> prints = options.fingerprints.size() == findings.size()
                                        ? options.fingerprints
                                        : fingerprints(findings, sources, options.srcroot);
  unsigned counts[3] = {0, 0, 0};

  ojson doc;
  doc["format"] = "chcheck-findings";
  doc["version"] = kFormatVersion;
  doc["tool"] = {{"name", "chcheck"}, {"version", options.toolVersion}};
  doc["srcroot"] = options.srcroot;
  doc["findings"] = ojson::array();
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding &f = findings[i];
    const RuleInfo *rule = ruleOf(catalog, f.ruleId);
    ++counts[static_cast<int>(f.severity)];
    ojson item;
    item["ruleId"] = f.ruleId;
    item["ruleName"] = rule ? ojson(rule->name) : ojson(nullptr);
    item["severity"] = severityText(f.severity);
    item["message"] = f.message;
    item["subject"] = f.subject;
    item["function"] = f.function;
    item["location"] = location(f.loc, options.srcroot);
    item["path"] = ojson::array();
    for (const PathStep &s : f.path)
      item["path"].push_back(step(s, options.srcroot));
    item["threads"] = ojson::array();
    for (const ThreadFlow &thread : f.threads) {
      ojson steps = ojson::array();
      for (const PathStep &s : thread.steps)
        steps.push_back(step(s, options.srcroot));
      item["threads"].push_back({{"name", thread.name}, {"steps", steps}});
    }
    item["waits"] = ojson::array();
    for (const WaitEdge &w : f.waits)
      item["waits"].push_back({{"from", w.from},
                               {"to", w.to},
                               {"label", w.label},
                               {"location", location(w.at, options.srcroot)}});
    item["fingerprint"] = prints[i];
    doc["findings"].push_back(std::move(item));
  }
  doc["toolErrors"] = ojson::array();
  doc["toolWarnings"] = ojson::array();
  std::size_t errorCount = 0;
  for (const ToolError &e : errors) {
    doc[e.warning ? "toolWarnings" : "toolErrors"].push_back(
        {{"file", e.file}, {"message", e.message}});
    errorCount += !e.warning;
  }
  doc["summary"] = {{"findings", findings.size()},
                    {"errors", counts[static_cast<int>(Severity::Error)]},
                    {"warnings", counts[static_cast<int>(Severity::Warning)]},
                    {"notes", counts[static_cast<int>(Severity::Note)]},
                    {"toolErrors", errorCount}};
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

} // namespace chcheck
