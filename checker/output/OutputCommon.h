// Helpers shared by the renderers (private to chcheck_output).
#pragma once

#include "chcheck/Catalog.h"

#include <string>
#include <vector>

namespace chcheck {
// The catalog entry of rule `id`, or nullptr.
const RuleInfo *ruleOf(const std::vector<RuleInfo> &catalog, const std::string &id);
} // namespace chcheck
