// Renderers of Findings: clang-style text, chcheck's versioned JSON
// (docs/chcheck-output.schema.json) and SARIF 2.1.0.  They know the catalog
// (names, metadata) but nothing about how findings were produced.
#pragma once

#include "chcheck/Catalog.h"
#include "chcheck/Finding.h"

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chcheck {

// Reads source files once and hands out their lines (renderers need the text
// for caret lines, suppressions and fingerprints).  Not thread-safe.
class SourceCache {
public:
  // Line `line` (1-based) of `file` without its line terminator, or nullopt
  // if the file cannot be read or is shorter.
  std::optional<std::string> line(const std::string &file, unsigned line);
  // The whole file as read, or nullptr if it cannot be read.
  const std::string *contents(const std::string &file);

private:
  struct File {
    bool readable = false;
    std::string text;
    std::vector<std::string> lines;
  };
  const File &load(const std::string &file);
  std::map<std::string, File> files_;
};

// A problem of the tool or its input (unparsable translation unit, missing
// file, ...): it makes chcheck exit with status 2 and is reported in JSON and
// SARIF next to the findings.  A warning (a compiler flag dropped, a
// suppression naming an unknown rule) is reported the same way but does not
// change the exit status.
struct ToolError {
  std::string file; // may be empty
  std::string message;
  bool warning = false;
};

struct RenderOptions {
  bool color = false;          // text only: ANSI colours as clang uses them
  std::string srcroot;         // absolute directory, SARIF %SRCROOT% and JSON relative paths
  std::string toolVersion;     // "0.1.0"
  std::string sarifCategory = "chcheck/"; // SARIF run.automationDetails.id
  // One fingerprint per finding rendered, when the caller computed them over
  // a larger set (a diff-mode or baseline run reports a subset; occurrence
  // counts must not change with it).  Empty: computed from the findings.
  std::vector<std::string> fingerprints;
};

// GitHub code scanning rejects larger SARIF runs (docs: "SARIF results
// exceed hard limit"); renderSarif keeps the most severe results up to it.
constexpr std::size_t kSarifMaxResults = 25000;
constexpr std::size_t kSarifMaxLocations = 1000;            // locations + relatedLocations
constexpr std::size_t kSarifMaxThreadFlowLocations = 10000; // per result

// Renders findings in the given order (callers sort them).  `catalog` gives
// rule names and metadata; a finding whose rule is not in it is still shown.
void renderText(std::ostream &out, const std::vector<Finding> &findings,
                const std::vector<RuleInfo> &catalog, SourceCache &sources,
                const RenderOptions &options);
void renderJson(std::ostream &out, const std::vector<Finding> &findings,
                const std::vector<ToolError> &errors, const std::vector<RuleInfo> &catalog,
                SourceCache &sources, const RenderOptions &options);
void renderSarif(std::ostream &out, const std::vector<Finding> &findings,
                 const std::vector<ToolError> &errors, const std::vector<RuleInfo> &catalog,
                 SourceCache &sources, const RenderOptions &options);
// GitLab's code quality report (a Code Climate issue list).
void renderCodeClimate(std::ostream &out, const std::vector<Finding> &findings,
                       SourceCache &sources, const RenderOptions &options);
// A Graphviz digraph of the wait-for edges of every finding that has them:
// one cluster per finding, a node per goroutine, an edge per wait labelled
// with what waits and where.  Findings without waits are left out.
void renderWaitGraph(std::ostream &out, const std::vector<Finding> &findings,
                     const RenderOptions &options);

// `path` relative to `srcroot` with '/' separators if it lies below it,
// otherwise nullopt.
std::optional<std::string> relativeToRoot(const std::string &path, const std::string &srcroot);

// Stable identities of findings, one per finding in order: a hash of rule id,
// srcroot-relative file, enclosing function, subject, the finding's source
// line and the source lines of its witness (path) steps, each with whitespace
// removed, plus ":<n>" counting earlier findings with the same hash.  Never
// uses line numbers, so unrelated edits that move code keep the fingerprint.
std::vector<std::string> fingerprints(const std::vector<Finding> &findings, SourceCache &sources,
                                      const std::string &srcroot);

// GitHub's primaryLocationLineHash of every line of a file's text (element 0
// is line 1), as the codeql-action upload step computes it.
std::vector<std::string> primaryLocationLineHashes(std::string_view text);

} // namespace chcheck
