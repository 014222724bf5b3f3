#include "SummaryCodec.h"

#include <nlohmann/json.hpp>

namespace chcheck::cli {
namespace {

using nlohmann::json;

// Bumped whenever what a summary means changes.
constexpr int kVersion = 1;

json path(const SummaryPath &p) { return {p.root, p.steps}; }
SummaryPath path(const json &j) {
  return {j.at(0).get<int>(), j.at(1).get<std::vector<std::string>>()};
}

json function(const FunctionSummary &f) {
  json ops = json::array(), writes = json::array();
  for (const SummaryOp &op : f.ops) {
    json guards = json::array();
    for (const SummaryGuard &g : op.guards)
      guards.push_back({path(g.flag), g.value});
    ops.push_back({{"close", op.close},
                   {"definite", op.definite},
                   {"channel", path(op.channel)},
                   {"at", {op.at.file, op.at.line, op.at.column}},
                   {"guards", guards}});
  }
  for (const SummaryPath &w : f.writes)
    writes.push_back(path(w));
  return {{"usr", f.usr}, {"name", f.name}, {"params", f.params}, {"ops", ops}, {"writes", writes}};
}

FunctionSummary function(const json &j) {
  FunctionSummary f;
  f.usr = j.at("usr").get<std::string>();
  f.name = j.at("name").get<std::string>();
  f.params = j.at("params").get<unsigned>();
  for (const json &o : j.at("ops")) {
    SummaryOp op;
    op.close = o.at("close").get<bool>();
    op.definite = o.at("definite").get<bool>();
    op.channel = path(o.at("channel"));
    const json &at = o.at("at");
    op.at = {at.at(0).get<std::string>(), at.at(1).get<unsigned>(), at.at(2).get<unsigned>()};
    for (const json &g : o.at("guards"))
      op.guards.push_back({path(g.at(0)), g.at(1).get<bool>()});
    f.ops.push_back(std::move(op));
  }
  for (const json &w : j.at("writes"))
    f.writes.push_back(path(w));
  return f;
}

} // namespace

std::string encodeFunction(const FunctionSummary &f) { return function(f).dump(); }

std::string encodeSummaries(const TranslationUnitSummaries &s) {
  json functions = json::array();
  for (const FunctionSummary &f : s.functions)
    functions.push_back(function(f));
  json doc = {{"version", kVersion}, {"functions", functions}, {"unseen", s.unseenCallees}};
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<TranslationUnitSummaries> decodeSummaries(const std::string &text) {
  try {
    json doc = json::parse(text);
    if (doc.at("version").get<int>() != kVersion)
      return std::nullopt;
    TranslationUnitSummaries s;
    for (const json &f : doc.at("functions"))
      s.functions.push_back(function(f));
    s.unseenCallees = doc.at("unseen").get<std::vector<std::string>>();
    return s;
  } catch (const json::exception &) {
    return std::nullopt;
  }
}

} // namespace chcheck::cli
