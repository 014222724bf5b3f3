// SARIF 2.1.0 (OASIS).  Mapping (docs/output-formats.md):
//   catalog rule   -> tool.driver.rules[] (ruleIndex points into it)
//   finding        -> result (ruleId = CH id, level = severity)
//   path steps     -> relatedLocations (ids 1..n) and codeFlows[0].threadFlows[0],
//                     whose last location is the finding itself
//   tool errors    -> invocations[0].toolExecutionNotifications
#include "chcheck/Output.h"
#include "OutputCommon.h"

#include <nlohmann/json.hpp>

#include <cctype>

namespace chcheck {
namespace {

using ojson = nlohmann::ordered_json;

// Percent-encodes everything but RFC 3986 unreserved characters and '/'.
std::string encodeUriPath(const std::string &path) {
  static const char *hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string fileUri(const std::string &absolutePath) {
  return "file://" + encodeUriPath(absolutePath);
}

// SARIF counts columns in Unicode code points (columnKind below); Clang in
// bytes.  Convert with the line's text: count UTF-8 lead bytes before it.
unsigned codePointColumn(const SourcePoint &p, SourceCache &sources) {
  auto text = sources.line(p.file, p.line);
  if (!text || p.column == 0)
    return p.column == 0 ? 1 : p.column;
  unsigned column = 1;
  for (std::size_t i = 0; i + 1 < p.column && i < text->size(); ++i)
    if ((static_cast<unsigned char>((*text)[i]) & 0xC0) != 0x80)
      ++column;
  if (p.column > text->size() + 1) // past the end: keep the distance
    column += p.column - static_cast<unsigned>(text->size()) - 1;
  return column;
}

ojson physicalLocation(const SourcePoint &p, SourceCache &sources, const std::string &srcroot) {
  ojson artifact;
  if (auto rel = relativeToRoot(p.file, srcroot)) {
    artifact["uri"] = encodeUriPath(*rel);
    artifact["uriBaseId"] = "SRCROOT";
  } else {
    artifact["uri"] = fileUri(p.file);
  }
  ojson region;
  region["startLine"] = p.line == 0 ? 1 : p.line;
  region["startColumn"] = codePointColumn(p, sources);
  if (auto text = sources.line(p.file, p.line))
    region["snippet"] = {{"text", *text}};
  return {{"artifactLocation", artifact}, {"region", region}};
}

std::string withPeriod(std::string text) {
  if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?')
    text += '.';
  return text;
}

const char *levelOf(Severity s) { return severityText(s); }

ojson ruleDescriptor(const RuleInfo &r) {
  std::string text = withPeriod(r.fullDescription) + "\n\n" + r.rationale + "\n\nBad:\n" +
                     r.badExample + "\n\nGood:\n" + r.goodExample + "\n";
  std::string markdown = "**" + r.id + " " + r.name + "**: " + withPeriod(r.fullDescription) +
                         "\n\n" + r.rationale + "\n\nBad:\n```cpp\n" + r.badExample +
                         "\n```\n\nGood:\n```cpp\n" + r.goodExample + "\n```\n";
  ojson rule;
  rule["id"] = r.id;
  rule["name"] = r.name;
  rule["shortDescription"] = {{"text", withPeriod(r.shortDescription)}};
  rule["fullDescription"] = {{"text", withPeriod(r.fullDescription)}};
  rule["help"] = {{"text", text}, {"markdown", markdown}};
  rule["helpUri"] = r.helpUri();
  rule["defaultConfiguration"] = {{"level", levelOf(r.severity)}};
  rule["properties"] = {{"tags", ojson::array({"concurrency", "channels"})},
                        {"clangTidyCheck", r.tidyCheckName()}};
  return rule;
}

} // namespace

void renderSarif(std::ostream &out, const std::vector<Finding> &findings,
                 const std::vector<ToolError> &errors, const std::vector<RuleInfo> &catalog,
                 SourceCache &sources, const RenderOptions &options) {
  std::vector<std::string> prints = fingerprints(findings, sources, options.srcroot);

  ojson driver;
  driver["name"] = "chcheck";
  driver["version"] = options.toolVersion;
  driver["semanticVersion"] = options.toolVersion;
  driver["informationUri"] = homepageUrl();
  driver["rules"] = ojson::array();
  for (const RuleInfo &r : catalog)
    driver["rules"].push_back(ruleDescriptor(r));

  ojson run;
  run["tool"] = {{"driver", driver}};
  if (!options.srcroot.empty()) {
    std::string root = options.srcroot.back() == '/' ? options.srcroot : options.srcroot + "/";
    run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", fileUri(root)}}}};
  }

  ojson invocation;
  invocation["executionSuccessful"] = errors.empty();
  if (!errors.empty()) {
    invocation["toolExecutionNotifications"] = ojson::array();
    for (const ToolError &e : errors) {
      ojson note;
      note["level"] = "error";
      note["message"] = {{"text", withPeriod(e.message)}};
      if (!e.file.empty()) {
        ojson artifact;
        if (auto rel = relativeToRoot(e.file, options.srcroot))
          artifact = {{"uri", encodeUriPath(*rel)}, {"uriBaseId", "SRCROOT"}};
        else
          artifact = {{"uri", e.file.front() == '/' ? fileUri(e.file) : encodeUriPath(e.file)}};
        note["locations"] = ojson::array({ojson{{"physicalLocation", {{"artifactLocation", artifact}}}}});
      }
      invocation["toolExecutionNotifications"].push_back(std::move(note));
    }
  }
  run["invocations"] = ojson::array({invocation});

  run["results"] = ojson::array();
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding &f = findings[i];
    ojson result;
    result["ruleId"] = f.ruleId;
    for (std::size_t r = 0; r < catalog.size(); ++r)
      if (catalog[r].id == f.ruleId)
        result["ruleIndex"] = r;
    result["level"] = levelOf(f.severity);
    result["message"] = {{"text", withPeriod(f.message)}};
    ojson primary = {{"physicalLocation", physicalLocation(f.loc, sources, options.srcroot)}};
    if (!f.function.empty())
      primary["logicalLocations"] =
          ojson::array({ojson{{"fullyQualifiedName", f.function}, {"kind", "function"}}});
    result["locations"] = ojson::array({primary});

    if (!f.path.empty()) {
      ojson related = ojson::array();
      ojson flow = ojson::array();
      for (std::size_t s = 0; s < f.path.size(); ++s) {
        const PathStep &step = f.path[s];
        ojson phys = physicalLocation(step.loc, sources, options.srcroot);
        ojson message = {{"text", withPeriod(step.message)}};
        related.push_back({{"id", s + 1}, {"physicalLocation", phys}, {"message", message}});
        flow.push_back({{"location", {{"physicalLocation", phys}, {"message", message}}},
                        {"executionOrder", s + 1}});
      }
      flow.push_back({{"location", {{"physicalLocation", primary["physicalLocation"]},
                                    {"message", result["message"]}}},
                      {"executionOrder", f.path.size() + 1}});
      result["relatedLocations"] = related;
      ojson threadFlow = {{"locations", flow}};
      ojson codeFlow = {{"threadFlows", ojson::array({threadFlow})}};
      result["codeFlows"] = ojson::array({codeFlow});
    }
    result["partialFingerprints"] = {{"chcheckFingerprint/v1", prints[i]}};
    run["results"].push_back(std::move(result));
  }
  run["columnKind"] = "unicodeCodePoints";

  ojson log;
  log["$schema"] =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ojson::array({run});
  out << log.dump(2, ' ', false, ojson::error_handler_t::replace) << '\n';
}

} // namespace chcheck
