// Path globs of .chcheck.yaml `exclude` and --remove-arg:
//   *   any run of characters except '/'
//   **  any run of characters, '/' included ("third_party/**", "**/gen/*.cpp")
//   ?   one character except '/'
#pragma once

#include <string_view>

namespace chcheck::cli {

bool globMatch(std::string_view pattern, std::string_view text);

} // namespace chcheck::cli
