// CH204 between files (LockOrderAcrossFiles.cpp).
#pragma once

#include "chcheck/Finding.h"
#include "chcheck/Summaries.h"

#include <vector>

namespace chcheck {

std::vector<Finding> lockOrderAcrossFiles(const std::vector<const TranslationUnitSummaries *> &units);

} // namespace chcheck
