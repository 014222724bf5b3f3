#include "chcheck/Engine.h"

namespace chcheck {

const char *severityName(Severity s) {
  switch (s) {
  case Severity::Note: return "note";
  case Severity::Warning: return "warning";
  case Severity::Error: return "error";
  }
  return "warning";
}

std::vector<std::string> implementedRuleIds() { return {}; }

std::vector<Finding> analyzeTranslationUnit(clang::ASTContext &, const std::set<std::string> &) {
  return {};
}

} // namespace chcheck
