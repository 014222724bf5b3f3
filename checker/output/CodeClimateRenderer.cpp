// GitLab's code quality report: a JSON array of Code Climate issues
// (https://docs.gitlab.com/ee/ci/testing/code_quality.html#code-quality-report-format).
// GitLab matches issues across pipelines by `fingerprint`, so it is chcheck's
// own (stable under line shifts); paths are relative to --srcroot, as GitLab
// resolves them against the repository root.
#include "chcheck/Output.h"
#include "OutputCommon.h"

#include <nlohmann/json.hpp>

namespace chcheck {
namespace {

// GitLab's scale: info, minor, major, critical, blocker.
const char *gitlabSeverity(Severity s) {
  switch (s) {
  case Severity::Error: return "critical";
  case Severity::Warning: return "major";
  case Severity::Note: return "info";
  }
  return "major";
}

} // namespace

void renderCodeClimate(std::ostream &out, const std::vector<Finding> &findings,
                       SourceCache &sources, const RenderOptions &options) {
  using ojson = nlohmann::ordered_json;
  std::vector<std::string> prints = options.fingerprints.size() == findings.size()
                                        ? options.fingerprints
                                        : fingerprints(findings, sources, options.srcroot);
  ojson issues = ojson::array();
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding &f = findings[i];
    ojson issue;
    issue["type"] = "issue";
    issue["check_name"] = f.ruleId;
    issue["description"] = f.message;
    issue["categories"] = ojson::array({"Bug Risk"});
    issue["severity"] = gitlabSeverity(f.severity);
    issue["fingerprint"] = prints[i];
    issue["location"] = {
        {"path", relativeToRoot(f.loc.file, options.srcroot).value_or(f.loc.file)},
        {"lines", {{"begin", f.loc.line}}}};
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, ojson::error_handler_t::replace) << '\n';
}

} // namespace chcheck
