// Graphviz (DOT) rendering of blocking bugs' wait-for graphs (`--graph`).
#include "chcheck/Output.h"
#include "OutputCommon.h"

#include <algorithm>

namespace chcheck {
namespace {

// A DOT double-quoted string: quotes and backslashes escaped, newlines as
// centred line breaks.
std::string quoted(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + '"';
}

std::string where(const SourcePoint &p, const std::string &srcroot) {
  return relativeToRoot(p.file, srcroot).value_or(p.file) + ":" + std::to_string(p.line) + ":" +
         std::to_string(p.column);
}

} // namespace

void renderWaitGraph(std::ostream &out, const std::vector<Finding> &findings,
                     const RenderOptions &options) {
  out << "digraph chcheck {\n"
         "  node [shape=box, fontname=\"monospace\"];\n"
         "  edge [fontname=\"monospace\"];\n";
  std::size_t cluster = 0;
  for (const Finding &f : findings) {
    if (f.waits.empty())
      continue;
    std::string prefix = "f" + std::to_string(cluster) + "_t";
    out << "  subgraph cluster_" << cluster << " {\n"
        << "    label=" << quoted(f.ruleId + " at " + where(f.loc, options.srcroot) + "\n" + f.message)
        << ";\n";
    // Every goroutine of the witness is a node, also those no edge touches;
    // an edge may name a goroutine the witness has no flow for.
    std::size_t nodes = f.threads.size();
    for (const WaitEdge &w : f.waits)
      nodes = std::max({nodes, w.from + 1, w.to + 1});
    for (std::size_t t = 0; t < nodes; ++t)
      out << "    " << prefix << t << " [label="
          << quoted(t < f.threads.size() ? f.threads[t].name : "goroutine " + std::to_string(t))
          << "];\n";
    for (const WaitEdge &w : f.waits)
      out << "    " << prefix << w.from << " -> " << prefix << w.to
          << " [label=" << quoted(w.label + "\n" + where(w.at, options.srcroot)) << "];\n";
    out << "  }\n";
    ++cluster;
  }
  out << "}\n";
}

} // namespace chcheck
