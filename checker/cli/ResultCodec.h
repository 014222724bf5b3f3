// TuResult as JSON text: how worker processes hand results to the parent and
// how the result cache stores them.
#pragma once

#include "TuResult.h"

#include <optional>
#include <string>

namespace chcheck::cli {

std::string encodeResult(const TuResult &result);
// nullopt if `text` is not an encoded TuResult (a truncated cache entry).
std::optional<TuResult> decodeResult(const std::string &text);

} // namespace chcheck::cli
