// Helpers shared by the renderers (private to chcheck_output).
#pragma once

#include "chcheck/Catalog.h"

#include <string>
#include <vector>

namespace chcheck {
// "error", "warning", "note".  Same as chcheck::severityName, which lives in
// the engine library; this library must not need the engine (nor LLVM).
const char *severityText(Severity s);

// `text` ending in a period (or another sentence end), as SARIF messages are.
inline std::string withPeriod(std::string text) {
  if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?')
    text += '.';
  return text;
}

// The catalog entry of rule `id`, or nullptr.
const RuleInfo *ruleOf(const std::vector<RuleInfo> &catalog, const std::string &id);
} // namespace chcheck
