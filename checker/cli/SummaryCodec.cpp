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

json point(const SourcePoint &p) { return {p.file, p.line, p.column}; }
SourcePoint point(const json &j) {
  return {j.at(0).get<std::string>(), j.at(1).get<unsigned>(), j.at(2).get<unsigned>()};
}

json lockEdge(const LockEdgeSummary &e) {
  return {{"held", {e.held, e.heldName, e.heldShared, point(e.heldAt)}},
          {"acquired", {e.acquired, e.acquiredName, e.acquiredShared, point(e.acquiredAt)}},
          {"gates", e.gates},
          {"thread", {e.thread, point(e.startedAt), e.starter, e.region, e.chain}}};
}

LockEdgeSummary lockEdge(const json &j) {
  LockEdgeSummary e;
  const json &held = j.at("held"), &acquired = j.at("acquired"), &thread = j.at("thread");
  e.held = held.at(0).get<std::string>();
  e.heldName = held.at(1).get<std::string>();
  e.heldShared = held.at(2).get<bool>();
  e.heldAt = point(held.at(3));
  e.acquired = acquired.at(0).get<std::string>();
  e.acquiredName = acquired.at(1).get<std::string>();
  e.acquiredShared = acquired.at(2).get<bool>();
  e.acquiredAt = point(acquired.at(3));
  e.gates = j.at("gates").get<std::vector<std::string>>();
  e.thread = thread.at(0).get<std::string>();
  e.startedAt = point(thread.at(1));
  e.starter = thread.at(2).get<std::string>();
  e.region = thread.at(3).get<std::string>();
  e.chain = thread.at(4).get<std::string>();
  return e;
}

} // namespace

std::string encodeFunction(const FunctionSummary &f) { return function(f).dump(); }

std::string encodeSummaries(const TranslationUnitSummaries &s) {
  json functions = json::array();
  for (const FunctionSummary &f : s.functions)
    functions.push_back(function(f));
  json locks = json::array();
  for (const LockEdgeSummary &e : s.lockEdges)
    locks.push_back(lockEdge(e));
  json doc = {{"version", kVersion}, {"functions", functions}, {"unseen", s.unseenCallees},
              {"lockEdges", locks}};
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
    for (const json &e : doc.at("lockEdges"))
      s.lockEdges.push_back(lockEdge(e));
    return s;
  } catch (const json::exception &) {
    return std::nullopt;
  }
}

} // namespace chcheck::cli
