// A translation unit's summaries (chcheck/Summaries.h) as versioned JSON
// text: what phase 1 of a whole-project run writes next to the result cache
// and phase 2 reads back.
#pragma once

#include "chcheck/Summaries.h"

#include <optional>
#include <string>

namespace chcheck::cli {

std::string encodeSummaries(const TranslationUnitSummaries &summaries);
// nullopt if `text` is not summaries of this version: unknown callees then.
std::optional<TranslationUnitSummaries> decodeSummaries(const std::string &text);
// The summaries of one function, for hashing what a unit imports.
std::string encodeFunction(const FunctionSummary &f);

} // namespace chcheck::cli
