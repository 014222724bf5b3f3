#include "ResultCodec.h"

#include <nlohmann/json.hpp>

namespace chcheck::cli {
namespace {

using nlohmann::json;

json point(const SourcePoint &p) { return {p.file, p.line, p.column}; }
SourcePoint point(const json &j) {
  return {j.at(0).get<std::string>(), j.at(1).get<unsigned>(), j.at(2).get<unsigned>()};
}

json steps(const std::vector<PathStep> &steps) {
  json out = json::array();
  for (const PathStep &s : steps)
    out.push_back({point(s.loc), s.message, s.nesting});
  return out;
}
std::vector<PathStep> steps(const json &j) {
  std::vector<PathStep> out;
  for (const json &s : j)
    out.push_back({point(s.at(0)), s.at(1).get<std::string>(), s.at(2).get<unsigned>()});
  return out;
}

json finding(const Finding &f) {
  json threads = json::array(), waits = json::array();
  for (const ThreadFlow &t : f.threads)
    threads.push_back({t.name, steps(t.steps)});
  for (const WaitEdge &w : f.waits)
    waits.push_back({w.from, w.to, point(w.at), w.label});
  return {{"rule", f.ruleId},   {"severity", static_cast<int>(f.severity)},
          {"loc", point(f.loc)}, {"message", f.message},
          {"subject", f.subject}, {"function", f.function},
          {"path", steps(f.path)}, {"threads", threads},
          {"waits", waits}};
}
Finding finding(const json &j) {
  Finding f;
  f.ruleId = j.at("rule").get<std::string>();
  int severity = j.at("severity").get<int>();
  if (severity < 0 || severity > 2)
    throw std::out_of_range("severity");
  f.severity = static_cast<Severity>(severity);
  f.loc = point(j.at("loc"));
  f.message = j.at("message").get<std::string>();
  f.subject = j.at("subject").get<std::string>();
  f.function = j.at("function").get<std::string>();
  f.path = steps(j.at("path"));
  for (const json &t : j.at("threads"))
    f.threads.push_back({t.at(0).get<std::string>(), steps(t.at(1))});
  for (const json &w : j.at("waits"))
    f.waits.push_back({w.at(0).get<std::size_t>(), w.at(1).get<std::size_t>(), point(w.at(2)),
                       w.at(3).get<std::string>()});
  return f;
}

} // namespace

std::string encodeResult(const TuResult &r) {
  json doc;
  doc["findings"] = json::array();
  for (const Finding &f : r.findings)
    doc["findings"].push_back(finding(f));
  doc["error"] = r.error;
  doc["skipped"] = r.skipped;
  const EngineStats &s = r.stats;
  doc["stats"] = {s.functions, s.regions, s.states, s.budgetHits};
  doc["files"] = json::array();
  for (const FileDigest &d : r.files)
    doc["files"].push_back({d.path, d.hash, d.system});
  if (r.summaries)
    doc["summaries"] = *r.summaries;
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<TuResult> decodeResult(const std::string &text) {
  try {
    json doc = json::parse(text);
    TuResult r;
    for (const json &f : doc.at("findings"))
      r.findings.push_back(finding(f));
    r.error = doc.at("error").get<std::string>();
    r.skipped = doc.at("skipped").get<bool>();
    const json &s = doc.at("stats");
    r.stats = {s.at(0).get<std::uint64_t>(), s.at(1).get<std::uint64_t>(),
               s.at(2).get<std::uint64_t>(), s.at(3).get<std::uint64_t>()};
    for (const json &d : doc.at("files"))
      r.files.push_back({d.at(0).get<std::string>(), d.at(1).get<std::string>(),
                         d.at(2).get<bool>()});
    if (doc.contains("summaries"))
      r.summaries = doc.at("summaries").get<std::string>();
    return r;
  } catch (const json::exception &) {
    return std::nullopt;
  } catch (const std::out_of_range &) {
    return std::nullopt;
  }
}

} // namespace chcheck::cli
