// SARIF 2.1.0 (OASIS), shaped for GitHub code scanning.  Mapping
// (docs/output-formats.md):
//   catalog rule   -> tool.driver.rules[] (ruleIndex points into it)
//   finding        -> result (ruleId = CH id, level = severity)
//   path steps     -> relatedLocations (ids 1..n)
//   witness        -> codeFlows[0]: one threadFlow per goroutine when the
//                     finding has threads, else one from the path whose last
//                     location is the finding itself
//   tool errors    -> invocations[0].toolExecutionNotifications
#include "chcheck/Output.h"
#include "OutputCommon.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

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
unsigned codePointColumn(const std::optional<std::string> &text, unsigned byteColumn) {
  if (!text || byteColumn == 0)
    return byteColumn == 0 ? 1 : byteColumn;
  unsigned column = 1;
  for (std::size_t i = 0; i + 1 < byteColumn && i < text->size(); ++i)
    if ((static_cast<unsigned char>((*text)[i]) & 0xC0) != 0x80)
      ++column;
  if (byteColumn > text->size() + 1) // past the end: keep the distance
    column += byteColumn - static_cast<unsigned>(text->size()) - 1;
  return column;
}

// Byte column just past the token that starts at `byteColumn`: an identifier
// or number, else one character.  Findings are points; the region covers the
// token there (the callee or the channel expression's first name).
unsigned tokenEndByteColumn(const std::string &text, unsigned byteColumn) {
  std::size_t i = byteColumn - 1;
  if (i >= text.size())
    return byteColumn + 1;
  auto word = [](unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; };
  if (!word(static_cast<unsigned char>(text[i])))
    return byteColumn + 1;
  while (i < text.size() && word(static_cast<unsigned char>(text[i])))
    ++i;
  return static_cast<unsigned>(i) + 1;
}

class SarifWriter {
public:
  SarifWriter(const std::vector<RuleInfo> &catalog, SourceCache &sources,
              const RenderOptions &options)
      : catalog_(catalog), sources_(sources), options_(options) {}

  ojson artifact(const std::string &file) {
    if (auto rel = relativeToRoot(file, options_.srcroot))
      return {{"uri", encodeUriPath(*rel)}, {"uriBaseId", "SRCROOT"}};
    return {{"uri", file.front() == '/' ? fileUri(file) : encodeUriPath(file)}};
  }

  ojson physicalLocation(const SourcePoint &p) {
    auto text = sources_.line(p.file, p.line);
    ojson region;
    unsigned line = p.line == 0 ? 1 : p.line;
    unsigned byteColumn = p.column == 0 ? 1 : p.column;
    region["startLine"] = line;
    region["startColumn"] = codePointColumn(text, byteColumn);
    region["endLine"] = line;
    region["endColumn"] =
        codePointColumn(text, text ? tokenEndByteColumn(*text, byteColumn) : byteColumn + 1);
    if (text)
      region["snippet"] = {{"text", *text}};
    return {{"artifactLocation", artifact(p.file)}, {"region", region}};
  }

  // GitHub's line hash of the finding's line, when the file is readable.
  std::optional<std::string> lineHash(const SourcePoint &p) {
    auto it = lineHashes_.find(p.file);
    if (it == lineHashes_.end()) {
      const std::string *text = sources_.contents(p.file);
      it = lineHashes_
               .emplace(p.file, text ? primaryLocationLineHashes(*text)
                                     : std::vector<std::string>())
               .first;
    }
    if (p.line == 0 || p.line > it->second.size())
      return std::nullopt;
    return it->second[p.line - 1];
  }

  ojson result(const Finding &f, const std::string &fingerprint);

private:
  ojson threadFlowLocation(const PathStep &step, std::optional<std::size_t> order) {
    ojson loc = {{"location",
                  {{"physicalLocation", physicalLocation(step.loc)},
                   {"message", {{"text", withPeriod(step.message)}}}}},
                 {"nestingLevel", step.nesting}};
    if (order)
      loc["executionOrder"] = *order;
    return loc;
  }
  ojson codeFlow(const Finding &f, const ojson &primaryMessage);

  const std::vector<RuleInfo> &catalog_;
  SourceCache &sources_;
  const RenderOptions &options_;
  std::map<std::string, std::vector<std::string>> lineHashes_;
};

ojson SarifWriter::codeFlow(const Finding &f, const ojson &primaryMessage) {
  std::size_t budget = kSarifMaxThreadFlowLocations;
  ojson flows = ojson::array();
  if (f.threads.empty()) {
    ojson locations = ojson::array();
    for (std::size_t s = 0; s < f.path.size() && s + 1 < budget; ++s)
      locations.push_back(threadFlowLocation(f.path[s], s + 1));
    ojson last = {{"location",
                   {{"physicalLocation", physicalLocation(f.loc)}, {"message", primaryMessage}}},
                  {"nestingLevel", 0},
                  {"executionOrder", f.path.size() + 1}};
    locations.push_back(last);
    flows.push_back({{"locations", locations}});
  } else {
    // A step's place in the whole interleaving (the path) is its execution
    // order across the goroutines' flows.
    auto orderOf = [&](const PathStep &step) -> std::optional<std::size_t> {
      for (std::size_t s = 0; s < f.path.size(); ++s)
        if (f.path[s].loc == step.loc && f.path[s].message == step.message)
          return s + 1;
      return std::nullopt;
    };
    for (const ThreadFlow &thread : f.threads) {
      ojson locations = ojson::array();
      for (const PathStep &step : thread.steps) {
        if (budget == 0)
          break;
        --budget;
        locations.push_back(threadFlowLocation(step, orderOf(step)));
      }
      if (!locations.empty())
        flows.push_back({{"message", {{"text", thread.name}}}, {"locations", locations}});
    }
  }
  return {{"threadFlows", flows}};
}

ojson SarifWriter::result(const Finding &f, const std::string &fingerprint) {
  ojson result;
  result["ruleId"] = f.ruleId;
  for (std::size_t r = 0; r < catalog_.size(); ++r)
    if (catalog_[r].id == f.ruleId)
      result["ruleIndex"] = r;
  result["level"] = severityText(f.severity);
  result["message"] = {{"text", withPeriod(f.message)}};
  ojson primary = {{"physicalLocation", physicalLocation(f.loc)}};
  if (!f.function.empty())
    primary["logicalLocations"] =
        ojson::array({ojson{{"fullyQualifiedName", f.function}, {"kind", "function"}}});
  result["locations"] = ojson::array({primary});

  if (!f.path.empty()) {
    ojson related = ojson::array();
    for (std::size_t s = 0; s < f.path.size() && s + 1 < kSarifMaxLocations; ++s)
      related.push_back({{"id", s + 1},
                         {"physicalLocation", physicalLocation(f.path[s].loc)},
                         {"message", {{"text", withPeriod(f.path[s].message)}}}});
    result["relatedLocations"] = related;
  }
  if (!f.path.empty() || !f.threads.empty()) {
    ojson flow = codeFlow(f, result["message"]);
    if (!flow["threadFlows"].empty())
      result["codeFlows"] = ojson::array({flow});
  }
  result["partialFingerprints"] = {{"chcheckFingerprint/v2", fingerprint}};
  if (auto hash = lineHash(f.loc))
    result["partialFingerprints"]["primaryLocationLineHash"] = *hash;
  return result;
}

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
  rule["defaultConfiguration"] = {{"level", severityText(r.severity)}};
  rule["properties"] = {
      {"precision", r.precision}, {"tags", r.tags}, {"clangTidyCheck", r.tidyCheckName()}};
  return rule;
}

// The findings that fit code scanning's limit: the most severe first, each
// kept in report order.
std::vector<std::size_t> keptResults(const std::vector<Finding> &findings) {
  std::vector<std::size_t> kept;
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Note})
    for (std::size_t i = 0; i < findings.size() && kept.size() < kSarifMaxResults; ++i)
      if (findings[i].severity == s)
        kept.push_back(i);
  std::sort(kept.begin(), kept.end());
  return kept;
}

} // namespace

void renderSarif(std::ostream &out, const std::vector<Finding> &findings,
                 const std::vector<ToolError> &errors, const std::vector<RuleInfo> &catalog,
                 SourceCache &sources, const RenderOptions &options) {
  std::vector<std::string> prints = options.fingerprints.size() == findings.size()
                                        ? options.fingerprints
                                        : fingerprints(findings, sources, options.srcroot);
  SarifWriter writer(catalog, sources, options);

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
  run["automationDetails"] = {{"id", options.sarifCategory}};
  if (!options.srcroot.empty()) {
    std::string root = options.srcroot.back() == '/' ? options.srcroot : options.srcroot + "/";
    run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", fileUri(root)}}}};
  }

  std::vector<std::size_t> kept = keptResults(findings);
  ojson invocation;
  invocation["executionSuccessful"] =
      std::none_of(errors.begin(), errors.end(), [](const ToolError &e) { return !e.warning; });
  ojson notifications = ojson::array();
  for (const ToolError &e : errors) {
    ojson note;
    note["level"] = e.warning ? "warning" : "error";
    note["message"] = {{"text", withPeriod(e.message)}};
    if (!e.file.empty())
      note["locations"] =
          ojson::array({ojson{{"physicalLocation", {{"artifactLocation", writer.artifact(e.file)}}}}});
    notifications.push_back(std::move(note));
  }
  if (kept.size() < findings.size())
    notifications.push_back(
        {{"level", "warning"},
         {"message",
          {{"text", std::to_string(findings.size() - kept.size()) +
                        " results were left out: code scanning accepts at most " +
                        std::to_string(kSarifMaxResults) +
                        " per run (the most severe are kept)."}}}});
  if (!notifications.empty())
    invocation["toolExecutionNotifications"] = notifications;
  run["invocations"] = ojson::array({invocation});

  run["results"] = ojson::array();
  for (std::size_t i : kept)
    run["results"].push_back(writer.result(findings[i], prints[i]));
  run["columnKind"] = "unicodeCodePoints";

  ojson log;
  log["$schema"] =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ojson::array({run});
  out << log.dump(2, ' ', false, ojson::error_handler_t::replace) << '\n';
}

} // namespace chcheck
